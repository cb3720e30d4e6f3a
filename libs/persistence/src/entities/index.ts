import { ActivityLogEntity } from './activity-log.entity';
import { AttachmentEntity } from './attachment.entity';
import { AuditEntity, IdempotencyEntity } from './audit.entity';
import { AuthorizationSignatureEntity } from './authorization-signature.entity';
import { BenefitChangeEntity, ReviewCohortEntity, ReviewCohortMemberEntity } from './benefit.entity';
import { CaseEntity } from './case.entity';
import { NotificationMessageEntity, NotificationOutboxEntity } from './notification.entity';
import {
  CounterEntity,
  DocumentEntity,
  DocumentRenderFailureEntity,
  DocumentTemplateEntity,
  LedgerEntity,
  TemplateReleaseEntity,
} from './document.entity';
import { AgencyEntity, OrganEntity, RegionEntity } from './region.entity';
import { AssessmentEntity, PolicyParametersEntity } from './policy.entity';
import {
  CaseDurationStatsEntity,
  CaseStatsEntity,
  OpenTaskStatsEntity,
  TaskCompletedStatsEntity,
} from './stats.entity';
import { SessionEntity, UserEntity } from './user.entity';
import {
  ProcessDefinitionEntity,
  ProcessDraftEntity,
  ProcessInstanceEntity,
  ProcessRetirementEntity,
  TaskEntity,
  TimerEntity,
} from './workflow.entity';

export * from './activity-log.entity';
export * from './attachment.entity';
export * from './audit.entity';
export * from './authorization-signature.entity';
export * from './benefit.entity';
export * from './case.entity';
export * from './notification.entity';
export * from './document.entity';
export * from './region.entity';
export * from './policy.entity';
export * from './stats.entity';
export * from './user.entity';
export * from './workflow.entity';

export const ENTITIES = [
  ActivityLogEntity,
  RegionEntity,
  AgencyEntity,
  OrganEntity,
  UserEntity,
  SessionEntity,
  ProcessDefinitionEntity,
  ProcessDraftEntity,
  ProcessRetirementEntity,
  ProcessInstanceEntity,
  TaskEntity,
  TimerEntity,
  CaseEntity,
  DocumentEntity,
  DocumentRenderFailureEntity,
  DocumentTemplateEntity,
  TemplateReleaseEntity,
  CounterEntity,
  LedgerEntity,
  AuditEntity,
  IdempotencyEntity,
  PolicyParametersEntity,
  AssessmentEntity,
  AttachmentEntity,
  AuthorizationSignatureEntity,
  BenefitChangeEntity,
  ReviewCohortEntity,
  ReviewCohortMemberEntity,
  NotificationOutboxEntity,
  NotificationMessageEntity,
  CaseStatsEntity,
  CaseDurationStatsEntity,
  OpenTaskStatsEntity,
  TaskCompletedStatsEntity,
];
