/** Response bodies of the routes in controllers/review-cohorts.controller.ts (held to the handlers by response-contract.ts). */
import { ApiProperty } from '@nestjs/swagger';

export class ReviewCohortCountsDto {
  @ApiProperty({ type: Number })
  total!: number;

  @ApiProperty({ type: Number })
  stable!: number;

  @ApiProperty({ type: Number })
  unstable!: number;

  @ApiProperty({ type: Number })
  closed!: number;
}

export class ReviewCohortMemberDto {
  @ApiProperty({ type: String })
  progress!: string;

  @ApiProperty({ type: String })
  caseId!: string;

  @ApiProperty({ type: String })
  caseNo!: string;

  @ApiProperty({ type: String })
  applicantName!: string;

  @ApiProperty({ type: String })
  regionCode!: string;

  @ApiProperty({ enum: ['stable', 'unstable'] })
  reviewCategory!: 'stable' | 'unstable';

  @ApiProperty({ type: String })
  dueDate!: string;

  @ApiProperty({ type: Number, nullable: true })
  benefitAmountFen!: number | null;

  @ApiProperty({ type: String, nullable: true })
  procedureCaseId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  procedureCaseNo!: string | null;

  @ApiProperty({ type: String, nullable: true })
  procedureStatus!: string | null;

  @ApiProperty({ type: String, nullable: true })
  procedureOutcome!: string | null;
}

export class ReviewCohortCreatedDto {
  @ApiProperty({ type: String })
  regionName!: string;

  @ApiProperty({ type: () => ReviewCohortCountsDto })
  summary!: ReviewCohortCountsDto;

  @ApiProperty({ type: () => ReviewCohortMemberDto, isArray: true })
  members!: ReviewCohortMemberDto[];

  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  regionCode!: string;

  @ApiProperty({ type: String })
  period!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String })
  createdBy!: string;

  @ApiProperty({ type: Boolean })
  created!: boolean;
}

export class ReviewCohortSummaryDto {
  @ApiProperty({ type: String })
  regionName!: string;

  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  regionCode!: string;

  @ApiProperty({ type: String })
  period!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: Number })
  members!: number;

  @ApiProperty({ type: Number })
  closed!: number;
}

export class ReviewCohortDto {
  @ApiProperty({ type: String })
  regionName!: string;

  @ApiProperty({ type: () => ReviewCohortCountsDto })
  summary!: ReviewCohortCountsDto;

  @ApiProperty({ type: () => ReviewCohortMemberDto, isArray: true })
  members!: ReviewCohortMemberDto[];

  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  regionCode!: string;

  @ApiProperty({ type: String })
  period!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String })
  createdBy!: string;
}

export class BenefitChangeDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  caseId!: string;

  @ApiProperty({ type: String })
  sourceCaseId!: string;

  @ApiProperty({
    enum: ['gradual_exit', 'grant', 'increase', 'decrease', 'stop', 'terminate', 'person_reduce', 'recover'],
  })
  action!:
    'gradual_exit' | 'grant' | 'increase' | 'decrease' | 'stop' | 'terminate' | 'person_reduce' | 'recover';

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The new monthly total, fen; null when the benefit stops.',
  })
  amountFen!: number | null;

  @ApiProperty({ type: String })
  effectiveMonth!: string;

  @ApiProperty({ type: String, nullable: true })
  gradualExitUntil!: string | null;

  @ApiProperty({ type: String, nullable: true })
  personIdNumber!: string | null;

  @ApiProperty({ type: String, nullable: true })
  reasons!: string | null;

  @ApiProperty({ type: String, nullable: true })
  documentId!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, nullable: true })
  createdBy!: string | null;
}

export class CaseBenefitsDto {
  @ApiProperty({ type: String })
  caseId!: string;

  @ApiProperty({ type: String })
  caseNo!: string;

  @ApiProperty({ enum: ['active', 'gradual_exit', 'stopped', 'terminated'], nullable: true })
  benefitStatus!: 'active' | 'gradual_exit' | 'stopped' | 'terminated' | null;

  @ApiProperty({ type: Number, nullable: true })
  benefitAmountFen!: number | null;

  @ApiProperty({ enum: ['stable', 'unstable'], nullable: true })
  reviewCategory!: 'stable' | 'unstable' | null;

  @ApiProperty({ type: String, nullable: true })
  nextReviewDate!: string | null;

  @ApiProperty({ type: () => BenefitChangeDto, isArray: true })
  changes!: BenefitChangeDto[];
}
