import { Column, Entity, PrimaryColumn } from 'typeorm';

export type BenefitAction =
  'grant' | 'increase' | 'decrease' | 'stop' | 'gradual_exit' | 'terminate' | 'person_reduce' | 'recover';

export type BenefitStatus = 'active' | 'gradual_exit' | 'stopped' | 'terminated';
export type ReviewCategoryValue = 'stable' | 'unstable';

/**
 * One grant or change of a beneficiary's monthly benefit (append-only: the trigger refuses
 * UPDATE and DELETE). `caseId` is the root beneficiary case, `sourceCaseId` the case whose
 * decision made the change (the application itself for a grant, else a procedure).
 */
@Entity('benefit_change')
export class BenefitChangeEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId!: string;
  @Column({ name: 'source_case_id', type: 'uuid' }) sourceCaseId!: string;
  @Column('text') action!: BenefitAction;
  /** The new monthly total, fen; null when the benefit stops. */
  @Column({ name: 'amount_fen', type: 'int', nullable: true }) amountFen!: number | null;
  @Column({ name: 'effective_month', type: 'text' }) effectiveMonth!: string;
  @Column({ name: 'gradual_exit_until', type: 'text', nullable: true }) gradualExitUntil!: string | null;
  @Column({ name: 'person_id_number', type: 'varchar', length: 18, nullable: true })
  personIdNumber!: string | null;
  @Column({ type: 'text', nullable: true }) reasons!: string | null;
  @Column({ name: 'document_id', type: 'uuid', nullable: true }) documentId!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
}

/** 定期核查批次: the beneficiaries of a region due for review in a month; one per region and month. */
@Entity('review_cohort')
export class ReviewCohortEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'region_code', type: 'varchar', length: 12 }) regionCode!: string;
  @Column('text') period!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
}

@Entity('review_cohort_member')
export class ReviewCohortMemberEntity {
  @PrimaryColumn({ name: 'cohort_id', type: 'uuid' }) cohortId!: string;
  @PrimaryColumn({ name: 'case_id', type: 'uuid' }) caseId!: string;
  @Column({ name: 'review_category', type: 'text' }) reviewCategory!: ReviewCategoryValue;
  @Column({ name: 'due_date', type: 'date' }) dueDate!: string;
  @Column({ name: 'procedure_case_id', type: 'uuid', nullable: true }) procedureCaseId!: string | null;
}
