import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface HouseholdMemberRecord {
  name: string;
  idNumber: string;
  relation: string;
}

@Entity('assistance_case')
export class CaseEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'case_no', type: 'text', unique: true }) caseNo!: string;
  @Column('text') program!: string;
  /** application | procedure (started on the parent case) | monitoring (a warning). */
  @Column({ type: 'text', default: 'application' }) kind!: 'application' | 'procedure' | 'monitoring';
  @Column({ name: 'parent_case_id', type: 'uuid', nullable: true }) parentCaseId!: string | null;
  @Column({ name: 'process_instance_id', type: 'uuid', unique: true }) processInstanceId!: string;
  /** Village code; township and county are its 9- and 6-digit prefixes. */
  @Column({ name: 'region_code', type: 'varchar', length: 12 }) regionCode!: string;
  @Column({ name: 'applicant_name', type: 'text' }) applicantName!: string;
  @Column({ name: 'applicant_id_number', type: 'varchar', length: 18 }) applicantIdNumber!: string;
  @Column({ name: 'applicant_address', type: 'text' }) applicantAddress!: string;
  @Column({ name: 'applicant_phone', type: 'text', nullable: true }) applicantPhone!: string | null;
  @Column('jsonb') household!: HouseholdMemberRecord[];
  @Column({ name: 'near_relative', type: 'boolean' }) nearRelative!: boolean;
  @Column('text') status!: 'in_progress' | 'closed';
  @Column({ type: 'text', nullable: true }) outcome!: string | null;
  /** Four-colour urgency of an emergency case (red|yellow|blue|green), set by `case.urgency`. */
  @Column({ type: 'text', nullable: true }) urgency?: 'red' | 'yellow' | 'blue' | 'green' | null;
  @Column({ name: 'benefit_amount_fen', type: 'int', nullable: true }) benefitAmountFen!: number | null;
  @Column({ name: 'benefit_start_month', type: 'text', nullable: true }) benefitStartMonth!: string | null;
  /** 动态管理 of a beneficiary (root application case): set by the benefit ledger (libs/benefits). */
  @Column({ name: 'benefit_status', type: 'text', nullable: true })
  benefitStatus?: 'active' | 'gradual_exit' | 'stopped' | 'terminated' | null;
  @Column({ name: 'review_category', type: 'text', nullable: true }) reviewCategory?:
    'stable' | 'unstable' | null;
  @Column({ name: 'next_review_date', type: 'date', nullable: true }) nextReviewDate?: string | null;
  @Column({ name: 'application_date', type: 'date' }) applicationDate!: string;
  /** 受理日期: starts the 30-working-day limit of the whole procedure. */
  @Column({ name: 'acceptance_date', type: 'date', nullable: true }) acceptanceDate!: string | null;
  /** Household economic facts found by the investigation (input of the assessment). */
  @Column({ type: 'jsonb', nullable: true }) economics!: object | null;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
