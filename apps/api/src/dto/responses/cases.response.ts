import { CaseIncidentNoticeDto } from './incidents.response';
/** Response bodies of the routes in controllers/cases.controller.ts (held to the handlers by response-contract.ts). */
import { ApiProperty } from '@nestjs/swagger';
import {
  AssessmentStatusDto,
  CaseOverlapDto,
  DocumentSummaryDto,
  FormFieldDto,
  RequestOriginDto,
  ServiceConsentRecordDto,
  ServiceRecordDto,
  TimeLimitDto,
} from './shared.response';
import { AssessmentResultDto } from './policy.response';

export class HouseholdMemberRecordDto {
  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ type: String })
  idNumber!: string;

  @ApiProperty({ type: String })
  relation!: string;
}

export class CaseDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  caseNo!: string;

  @ApiProperty({ type: String })
  program!: string;

  @ApiProperty({
    enum: ['application', 'procedure', 'monitoring'],
    description: 'application | procedure (started on the parent case) | monitoring (a warning).',
  })
  kind!: 'application' | 'procedure' | 'monitoring';

  @ApiProperty({ type: String, nullable: true })
  parentCaseId!: string | null;

  @ApiProperty({ type: String })
  processInstanceId!: string;

  @ApiProperty({
    type: String,
    description: 'Village code; township and county are its 9- and 6-digit prefixes.',
  })
  regionCode!: string;

  @ApiProperty({ type: String })
  applicantName!: string;

  @ApiProperty({ type: String })
  applicantIdNumber!: string;

  @ApiProperty({ type: String })
  applicantAddress!: string;

  @ApiProperty({ type: String, nullable: true })
  applicantPhone!: string | null;

  @ApiProperty({ type: () => HouseholdMemberRecordDto, isArray: true })
  household!: HouseholdMemberRecordDto[];

  @ApiProperty({ type: Boolean })
  nearRelative!: boolean;

  @ApiProperty({ enum: ['in_progress', 'closed'] })
  status!: 'in_progress' | 'closed';

  @ApiProperty({ type: String, nullable: true })
  outcome!: string | null;

  @ApiProperty({
    required: false,
    enum: ['red', 'yellow', 'blue', 'green'],
    nullable: true,
    description: 'Four-colour urgency of an emergency case (red|yellow|blue|green), set by `case.urgency`.',
  })
  urgency?: 'red' | 'yellow' | 'blue' | 'green' | null;

  @ApiProperty({ type: Number, nullable: true })
  benefitAmountFen!: number | null;

  @ApiProperty({ type: String, nullable: true })
  benefitStartMonth!: string | null;

  @ApiProperty({
    required: false,
    enum: ['active', 'gradual_exit', 'stopped', 'terminated'],
    nullable: true,
    description:
      '动态管理 of a beneficiary (root application case): set by the benefit ledger (libs/cases/src/benefits).',
  })
  benefitStatus?: 'active' | 'gradual_exit' | 'stopped' | 'terminated' | null;

  @ApiProperty({ required: false, enum: ['stable', 'unstable'], nullable: true })
  reviewCategory?: 'stable' | 'unstable' | null;

  @ApiProperty({ required: false, type: String, nullable: true })
  nextReviewDate?: string | null;

  @ApiProperty({ type: String })
  applicationDate!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: '受理日期: starts the 30-working-day limit of the whole procedure.',
  })
  acceptanceDate!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'Household economic facts found by the investigation (input of the assessment).',
  })
  economics!: Record<string, unknown> | null;

  @ApiProperty({ type: String })
  createdBy!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: string;
}

export class CaseListItemDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  caseNo!: string;

  @ApiProperty({ type: String })
  program!: string;

  @ApiProperty({
    enum: ['application', 'procedure', 'monitoring'],
    description: 'application | procedure (started on the parent case) | monitoring (a warning).',
  })
  kind!: 'application' | 'procedure' | 'monitoring';

  @ApiProperty({ enum: ['in_progress', 'closed'] })
  status!: 'in_progress' | 'closed';

  @ApiProperty({ type: String, nullable: true })
  outcome!: string | null;

  @ApiProperty({
    type: String,
    description: 'Village code; township and county are its 9- and 6-digit prefixes.',
  })
  regionCode!: string;

  @ApiProperty({
    required: false,
    enum: ['red', 'yellow', 'blue', 'green'],
    nullable: true,
    description: 'Four-colour urgency of an emergency case (red|yellow|blue|green), set by `case.urgency`.',
  })
  urgency?: 'red' | 'yellow' | 'blue' | 'green' | null;

  @ApiProperty({ type: String })
  applicantName!: string;

  @ApiProperty({ type: String })
  applicantIdNumber!: string;

  @ApiProperty({ type: String })
  applicantAddress!: string;

  @ApiProperty({ type: Boolean })
  nearRelative!: boolean;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ type: Number })
  householdSize!: number;
}

export class ChildCaseSummaryDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  caseNo!: string;

  @ApiProperty({ type: String })
  kind!: string;

  @ApiProperty({ type: String })
  processKey!: string;

  @ApiProperty({ type: String })
  processName!: string;

  @ApiProperty({ type: String })
  status!: string;

  @ApiProperty({ type: String, nullable: true })
  outcome!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;
}

export class ProcedureOfferDto {
  @ApiProperty({ type: String })
  processKey!: string;

  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ type: () => FormFieldDto, isArray: true })
  startForm!: FormFieldDto[];
}

export class ProcedureOverviewDto {
  @ApiProperty({ type: () => ChildCaseSummaryDto, isArray: true })
  children!: ChildCaseSummaryDto[];

  @ApiProperty({ type: () => ProcedureOfferDto, isArray: true })
  available!: ProcedureOfferDto[];
}

export class ParentCaseDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  caseNo!: string;

  @ApiProperty({ type: String })
  program!: string;
}

export class TaskDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  instanceId!: string;

  @ApiProperty({ type: String })
  elementId!: string;

  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ type: String, isArray: true })
  candidateGroups!: string[];

  @ApiProperty({
    type: () => FormFieldDto,
    isArray: true,
    description: 'Form fields as read from the model at the time the task opened.',
  })
  form!: FormFieldDto[];

  @ApiProperty({ type: String, nullable: true })
  due!: string | null;

  @ApiProperty({ type: String, nullable: true })
  dueDate!: string | null;

  @ApiProperty({
    type: Boolean,
    description: 'False when the due date falls in a year the official holiday calendar does not cover yet.',
  })
  dueDateCertain!: boolean;

  @ApiProperty({ enum: ['open', 'completed', 'cancelled'] })
  status!: 'open' | 'completed' | 'cancelled';

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  data!: Record<string, unknown> | null;

  @ApiProperty({ type: String, nullable: true })
  completedBy!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completedAt!: string | null;
}

export class AuditEntryDto {
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'number' }],
    description: 'bigint: a string from PostgreSQL, a number from PGlite.',
  })
  id!: string | number;

  @ApiProperty({ type: String, format: 'date-time' })
  at!: string;

  @ApiProperty({ type: String, nullable: true })
  actorId!: string | null;

  @ApiProperty({ type: String })
  action!: string;

  @ApiProperty({ type: String, nullable: true })
  caseId!: string | null;

  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true })
  detail!: Record<string, unknown> | null;

  @ApiProperty({
    type: () => RequestOriginDto,
    nullable: true,
    description:
      'Where the action came from (request id, client address, user agent); null for timers and scripts.',
  })
  origin!: RequestOriginDto | null;

  @ApiProperty({ type: String, nullable: true, description: "The actor's name as it was when they acted." })
  actorName!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The actor's role when they acted." })
  actorRole!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The actor's region when they acted." })
  actorRegion!: string | null;

  @ApiProperty({
    type: Boolean,
    description: 'Whether name, role and region are sealed into the entry’s chain hash.',
  })
  actorSealed!: boolean;
}

export class AssessmentDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String, nullable: true })
  caseId!: string | null;

  @ApiProperty({ type: String })
  parametersId!: string;

  @ApiProperty({ type: String })
  assessmentDate!: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  household!: Record<string, unknown>;

  @ApiProperty({ type: () => AssessmentResultDto })
  result!: AssessmentResultDto;

  @ApiProperty({ type: String, nullable: true })
  hardshipIndex!: string | null;

  @ApiProperty({ type: String, nullable: true })
  createdBy!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;
}

export class CaseDetailDto {
  @ApiProperty({ type: () => ServiceRecordDto, isArray: true })
  service!: ServiceRecordDto[];

  @ApiProperty({ type: () => ServiceConsentRecordDto, isArray: true })
  serviceConsents!: ServiceConsentRecordDto[];

  @ApiProperty({ type: () => TimeLimitDto })
  timeLimit!: TimeLimitDto;

  @ApiProperty({ type: () => CaseDto })
  case!: CaseDto;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "The end event's name in the case's own model version, e.g. “确认享受低保（转入动态管理）”.",
  })
  outcomeText!: string | null;

  @ApiProperty({ type: String })
  processName!: string;

  @ApiProperty({
    type: () => CaseIncidentNoticeDto,
    nullable: true,
    description: '本案未解除的流程故障（办理失败或流程停滞），以通俗语言说明',
  })
  incident!: CaseIncidentNoticeDto | null;

  @ApiProperty({ type: () => ParentCaseDto, nullable: true })
  parent!: ParentCaseDto | null;

  @ApiProperty({ type: () => ChildCaseSummaryDto, isArray: true })
  children!: ChildCaseSummaryDto[];

  @ApiProperty({ type: String })
  regionName!: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  instance!: Record<string, unknown>;

  @ApiProperty({ type: () => TaskDto, isArray: true })
  tasks!: TaskDto[];

  @ApiProperty({ type: () => DocumentSummaryDto, isArray: true })
  documents!: DocumentSummaryDto[];

  @ApiProperty({ type: () => AuditEntryDto, isArray: true })
  timeline!: AuditEntryDto[];

  @ApiProperty({ type: () => AssessmentDto, nullable: true })
  assessment!: AssessmentDto | null;

  @ApiProperty({ type: () => AssessmentStatusDto })
  assessmentStatus!: AssessmentStatusDto;

  @ApiProperty({
    type: () => CaseOverlapDto,
    isArray: true,
    description: 'Other open or active cases of the same household.',
  })
  overlaps!: CaseOverlapDto[];
}

export class CaseIdentityMemberDto {
  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ type: String })
  relation!: string;

  @ApiProperty({ type: String, description: '完整身份证号码' })
  idNumber!: string;
}

/** The full resident ID numbers, for the duties that check them against the ID cards (read audited). */
export class CaseIdentityDto {
  @ApiProperty({ type: String, description: '查看事由（同时记入审计）' })
  reason!: string;

  @ApiProperty({ type: String })
  applicantIdNumber!: string;

  @ApiProperty({ type: () => CaseIdentityMemberDto, isArray: true })
  household!: CaseIdentityMemberDto[];
}
