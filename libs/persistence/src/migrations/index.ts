import { Initial1764000000000 } from './1764000000000-initial';
import { PolicyParameters1764100000000 } from './1764100000000-policy-parameters';
import { ActivityLog1764200000000 } from './1764200000000-activity-log';
import { Attachments1764250000000 } from './1764250000000-attachments';
import { Studio1764300000000 } from './1764300000000-studio';
import { AuthorizationSignature1764400000000 } from './1764400000000-authorization-signature';
import { CaseKinds1764500000000 } from './1764500000000-case-kinds';
import { TekunSampling1764600000000 } from './1764600000000-tekun-sampling';
import { CaseUrgency1764610000000 } from './1764610000000-case-urgency';
import { BenefitLedger1764620000000 } from './1764620000000-benefit-ledger';
import { MonitoringSupervision1764630000000 } from './1764630000000-monitoring-supervision';
import { ProcessMigration1764640000000 } from './1764640000000-process-migration';
import { ServiceDeadlines1764650000000 } from './1764650000000-service-deadlines';
import { AuditChain1764700000000 } from './1764700000000-audit-chain';
import { Trust1764800000000 } from './1764800000000-trust';
import { Accounts1764900000000 } from './1764900000000-accounts';
import { AuditActor1765010000000 } from './1765010000000-audit-actor';
import { PublishingScope1765100000000 } from './1765100000000-publishing-scope';
import { AccountConfirmation1765200000000 } from './1765200000000-account-confirmation';
import { ProcessRetirement1765310000000 } from './1765310000000-process-retirement';
import { Incidents1765400000000 } from './1765400000000-incidents';
import { StudioDrafts1765500000000 } from './1765500000000-studio-drafts';
import { InboxScale1765800000000 } from './1765800000000-inbox-scale';
import { InboxRoleIndexes1765800000001 } from './1765800000001-inbox-role-indexes';
import { Organs1765900000000 } from './1765900000000-organs';
import { PortalElectronicService1765910000000 } from './1765910000000-portal-electronic-service';
import { CaseworkClaim1766500000000 } from './1766500000000-casework-claim';
import { Notifications1766600000000 } from './1766600000000-notifications';
import { DocumentRenderState1766700000000 } from './1766700000000-document-render-state';
import { CaseStats1766900000000 } from './1766900000000-case-stats';
import { MemberAuthorization1767100000000 } from './1767100000000-member-authorization';
import { TimerBatches1767200000000 } from './1767200000000-timer-batches';
import { InboxTaskRegion1767300000000 } from './1767300000000-inbox-task-region';
import { CaseOverlapIndexes1767300000001 } from './1767300000001-case-overlap-indexes';
import { VillageCommittee1767550000000 } from './1767550000000-village-committee';
import { TaskNamedStaff1767800000000 } from './1767800000000-task-named-staff';
import { TaskRegionStatistics1767950000000 } from './1767950000000-task-region-statistics';
import { ClockSwitch1768740000000 } from './1768740000000-clock-switch';
import { Deployment1768740000001 } from './1768740000001-deployment';

/** In timestamp order: the order TypeORM runs them and the order `migrations` records. */
export const MIGRATIONS = [
  Initial1764000000000,
  PolicyParameters1764100000000,
  ActivityLog1764200000000,
  Attachments1764250000000,
  Studio1764300000000,
  AuthorizationSignature1764400000000,
  CaseKinds1764500000000,
  TekunSampling1764600000000,
  CaseUrgency1764610000000,
  BenefitLedger1764620000000,
  MonitoringSupervision1764630000000,
  ProcessMigration1764640000000,
  ServiceDeadlines1764650000000,
  AuditChain1764700000000,
  Trust1764800000000,
  Accounts1764900000000,
  AuditActor1765010000000,
  PublishingScope1765100000000,
  AccountConfirmation1765200000000,
  ProcessRetirement1765310000000,
  Incidents1765400000000,
  StudioDrafts1765500000000,
  InboxScale1765800000000,
  InboxRoleIndexes1765800000001,
  Organs1765900000000,
  PortalElectronicService1765910000000,
  CaseworkClaim1766500000000,
  Notifications1766600000000,
  DocumentRenderState1766700000000,
  CaseStats1766900000000,
  MemberAuthorization1767100000000,
  TimerBatches1767200000000,
  InboxTaskRegion1767300000000,
  CaseOverlapIndexes1767300000001,
  VillageCommittee1767550000000,
  TaskNamedStaff1767800000000,
  TaskRegionStatistics1767950000000,
  ClockSwitch1768740000000,
  Deployment1768740000001,
];
