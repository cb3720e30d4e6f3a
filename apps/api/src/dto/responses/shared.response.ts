/** Response bodies shared by several controllers' routes. */
import { ApiProperty } from '@nestjs/swagger';

/** Where an audited request came from (libs/common RequestOrigin). */
export class RequestOriginDto {
  @ApiProperty({ type: String, description: '服务器生成的请求编号' })
  requestId!: string;

  @ApiProperty({
    type: String,
    required: false,
    description: '调用方提供的 X-Request-Id（格式合规时），仅用于关联日志，不作为证据',
  })
  correlationId?: string;

  @ApiProperty({ type: String, nullable: true })
  ip!: string | null;

  @ApiProperty({ type: String, nullable: true })
  userAgent!: string | null;
}

export class FormFieldOptionsDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  name!: string;
}

export class FormFieldConstraintDto {
  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ required: false, type: String })
  config?: string;
}

export class FormFieldDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  label!: string;

  @ApiProperty({
    type: String,
    description: 'As written in the model; `validateModel` refuses types outside FORM_FIELD_TYPES.',
  })
  type!: string;

  @ApiProperty({ type: () => FormFieldOptionsDto, isArray: true })
  options!: FormFieldOptionsDto[];

  @ApiProperty({ type: () => FormFieldConstraintDto, isArray: true })
  constraints!: FormFieldConstraintDto[];

  @ApiProperty({ required: false, type: String })
  defaultValue?: string;

  @ApiProperty({
    required: false,
    type: String,
    description:
      "Model-declared display condition, e.g. `${decision == 'refuse'}`: when false the field is hidden and not required.",
  })
  showIf?: string;

  @ApiProperty({
    required: false,
    type: String,
    description:
      'Model-declared duty (role) whose holders in the case region are offered as the values, e.g. `investigator`.',
  })
  staffDuty?: string;
}

export class DocumentRefDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  title!: string;

  @ApiProperty({ type: String, nullable: true })
  number!: string | null;
}

export class RemedyDeadlinesDto {
  @ApiProperty({ type: String, description: '行政复议: 60 days (行政复议法 Art. 20).' })
  reconsiderationUntil!: string;

  @ApiProperty({ type: String, description: '行政诉讼: 6 months (行政诉讼法 Art. 46).' })
  litigationUntil!: string;

  @ApiProperty({
    type: Boolean,
    description: 'False when a date lies in a year no loaded or packaged holiday calendar covers.',
  })
  certain!: boolean;
}

export class ServiceRecordDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: () => DocumentRefDto })
  document!: DocumentRefDto;

  @ApiProperty({
    type: String,
    nullable: true,
    description: '送达回证；申请人在“我的申请”中下载即电子送达时为空',
  })
  receiptDocumentId!: string | null;

  @ApiProperty({ type: String })
  method!: string;

  @ApiProperty({ type: String })
  methodName!: string;

  @ApiProperty({ type: String })
  servedOn!: string;

  @ApiProperty({ type: String })
  deemedServedOn!: string;

  @ApiProperty({ type: String })
  recipient!: string;

  @ApiProperty({ type: String, nullable: true })
  address!: string | null;

  @ApiProperty({ type: String, isArray: true })
  servers!: string[];

  @ApiProperty({ type: String, isArray: true })
  witnesses!: string[];

  @ApiProperty({ type: String, nullable: true })
  evidence!: string | null;

  @ApiProperty({ type: String, nullable: true })
  consentId!: string | null;

  @ApiProperty({ type: () => RemedyDeadlinesDto, nullable: true })
  remedy!: RemedyDeadlinesDto | null;
}

export class ServiceConsentRecordDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  recipient!: string;

  @ApiProperty({ type: String })
  address!: string;

  @ApiProperty({ enum: ['online', 'paper'] })
  channel!: 'online' | 'paper';

  @ApiProperty({ type: String })
  signedOn!: string;

  @ApiProperty({ type: String, nullable: true })
  textHash!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  recordedAt!: string;
}

export class TimeLimitExtensionRecordDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  reason!: string;

  @ApiProperty({ type: String })
  approvedBy!: string;

  @ApiProperty({ type: String, nullable: true })
  approvedByName!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  approvedAt!: string;

  @ApiProperty({ type: String })
  previousDue!: string;

  @ApiProperty({ type: String })
  newDue!: string;
}

export class TimeLimitDto {
  @ApiProperty({ type: String, nullable: true })
  limit!: string | null;

  @ApiProperty({ type: String, nullable: true })
  extendedLimit!: string | null;

  @ApiProperty({ type: String, nullable: true })
  acceptanceDate!: string | null;

  @ApiProperty({ type: String, nullable: true })
  due!: string | null;

  @ApiProperty({ type: Boolean })
  certain!: boolean;

  @ApiProperty({ type: Boolean })
  extended!: boolean;

  @ApiProperty({ type: Boolean })
  canExtend!: boolean;

  @ApiProperty({ type: Boolean })
  overdue!: boolean;

  @ApiProperty({ type: () => TimeLimitExtensionRecordDto, nullable: true })
  extension!: TimeLimitExtensionRecordDto | null;
}

export class DocumentSummaryDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  title!: string;

  @ApiProperty({ type: String, nullable: true })
  number!: string | null;

  @ApiProperty({ type: String })
  templateId!: string;

  @ApiProperty({ type: Number })
  templateVersion!: number;

  @ApiProperty({ type: String, format: 'date-time' })
  issuedAt!: string;

  @ApiProperty({ enum: ['pending', 'archived', 'failed'] })
  status!: 'pending' | 'archived' | 'failed';

  @ApiProperty({ type: String })
  verifyCode!: string;

  @ApiProperty({ type: String, nullable: true })
  pdfSha256!: string | null;
}

export class AssessmentHistoryItemDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: Boolean })
  eligible!: boolean;

  @ApiProperty({ type: Number })
  benefitFen!: number;

  @ApiProperty({ type: Number, nullable: true })
  perCapitaFen!: number | null;
}

export class AssessmentStatusDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The assessment the deciding steps rely on (the newest of the case).',
  })
  assessmentId!: string | null;

  @ApiProperty({
    enum: ['current', 'stale', 'none'],
    description: 'stale: the economics changed after this assessment; a deciding step refuses it (409).',
  })
  state!: 'current' | 'stale' | 'none';

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  createdAt!: string | null;

  @ApiProperty({ type: Boolean, nullable: true })
  eligible!: boolean | null;

  @ApiProperty({ type: Number, nullable: true })
  benefitFen!: number | null;

  @ApiProperty({
    type: () => AssessmentHistoryItemDto,
    isArray: true,
    description: 'Superseded assessments, newest first.',
  })
  history!: AssessmentHistoryItemDto[];
}

export class CaseOverlapDto {
  @ApiProperty({ type: String })
  caseId!: string;

  @ApiProperty({ type: String })
  caseNo!: string;

  @ApiProperty({ type: String })
  program!: string;

  @ApiProperty({ enum: ['open', 'active'] })
  state!: 'open' | 'active';

  @ApiProperty({ enum: ['same-applicant', 'member-elsewhere', 'same-account'] })
  kind!: 'same-applicant' | 'member-elsewhere' | 'same-account';

  @ApiProperty({ type: String, isArray: true })
  idNumbers!: string[];

  @ApiProperty({
    type: Boolean,
    description: 'Whether a recorded reason (overlapReason) lets the step go on.',
  })
  overridable!: boolean;

  @ApiProperty({ type: String })
  message!: string;
}
