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
  @Column({ name: 'benefit_amount_fen', type: 'int', nullable: true }) benefitAmountFen!: number | null;
  @Column({ name: 'benefit_start_month', type: 'text', nullable: true }) benefitStartMonth!: string | null;
  @Column({ name: 'application_date', type: 'date' }) applicationDate!: string;
  /** 受理日期: starts the 30-working-day limit of the whole procedure. */
  @Column({ name: 'acceptance_date', type: 'date', nullable: true }) acceptanceDate!: string | null;
  /** Household economic facts found by the investigation (input of the assessment). */
  @Column({ type: 'jsonb', nullable: true }) economics!: Record<string, any> | null;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
