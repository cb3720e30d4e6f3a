/** Response bodies of the routes in controllers/monitoring.controller.ts (held to the handlers by response-contract.ts). */
import { ApiProperty } from '@nestjs/swagger';

export class EventReceiptDto {
  @ApiProperty({ type: String })
  eventId!: string;

  @ApiProperty({ type: String })
  warningCaseId!: string;

  @ApiProperty({ type: String })
  warningCaseNo!: string;

  @ApiProperty({
    type: Boolean,
    description: 'The event joined a warning already open for the same person instead of raising a new one.',
  })
  attached!: boolean;

  @ApiProperty({ type: String })
  riskLevel!: string;

  @ApiProperty({ type: String, isArray: true })
  matchedCaseNos!: string[];

  @ApiProperty({
    type: Boolean,
    description: 'A repeat of an event already received (same source and source event id).',
  })
  duplicate!: boolean;
}

export class WarningOpenTasksDto {
  @ApiProperty({ type: String, nullable: true })
  dueDate!: string | null;

  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ type: String, isArray: true })
  candidateGroups!: string[];
}

export class WarningChildrenDto {
  @ApiProperty({ type: String })
  programName!: string;

  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  caseNo!: string;

  @ApiProperty({ type: String })
  program!: string;

  @ApiProperty({ type: String })
  status!: string;
}

export class WarningReferralApplicationDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  caseNo!: string;

  @ApiProperty({ type: String })
  status!: string;
}

export class WarningReferralDto {
  @ApiProperty({ type: String })
  program!: string;

  @ApiProperty({ type: String })
  programName!: string;

  @ApiProperty({ type: String, description: '已告知并协助申请' })
  status!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  referredAt!: string;

  @ApiProperty({
    type: () => WarningReferralApplicationDto,
    nullable: true,
    description: 'The application the family made on the program after the referral, once made.',
  })
  application!: WarningReferralApplicationDto | null;
}

export class WarningDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  caseNo!: string;

  @ApiProperty({ type: String })
  status!: string;

  @ApiProperty({ type: String, nullable: true })
  outcome!: string | null;

  @ApiProperty({ type: String })
  regionCode!: string;

  @ApiProperty({ type: String })
  personName!: string;

  @ApiProperty({ type: String })
  idNumberMasked!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, nullable: true })
  riskLevel!: string | null;

  @ApiProperty({ type: String, isArray: true })
  eventTypes!: string[];

  @ApiProperty({ type: Number })
  eventCount!: number;

  @ApiProperty({ type: () => WarningOpenTasksDto, isArray: true })
  openTasks!: WarningOpenTasksDto[];

  @ApiProperty({ type: () => WarningChildrenDto, isArray: true })
  children!: WarningChildrenDto[];

  @ApiProperty({
    type: () => WarningReferralDto,
    nullable: true,
    description: 'The program the joint review told the family of and helps them apply for (干预).',
  })
  referral!: WarningReferralDto | null;
}

export class MonitoringEventRecordDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  source!: string;

  @ApiProperty({ type: String })
  sourceEventId!: string;

  @ApiProperty({ type: String })
  type!: string;

  @ApiProperty({ type: String })
  occurredOn!: string;

  @ApiProperty({ type: String })
  personName!: string;

  @ApiProperty({ type: String })
  personIdNumber!: string;

  @ApiProperty({ type: String, nullable: true })
  personAddress!: string | null;

  @ApiProperty({ type: String, nullable: true })
  personPhone!: string | null;

  @ApiProperty({ type: String })
  regionCode!: string;

  @ApiProperty({ type: String })
  details!: string;

  @ApiProperty({ type: Number, nullable: true })
  amountFen!: number | null;

  @ApiProperty({ type: String })
  riskLevel!: string;

  @ApiProperty({ type: String, isArray: true })
  matchedCaseNos!: string[];

  @ApiProperty({ type: String })
  warningCaseId!: string;

  @ApiProperty({ type: Boolean })
  attached!: boolean;

  @ApiProperty({ type: String })
  receivedBy!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  receivedAt!: string;
}
