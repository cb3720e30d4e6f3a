import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One version of a region's policy parameters; versions are appended, never changed. */
@Entity('policy_parameters')
export class PolicyParametersEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'region_code', type: 'varchar', length: 12 }) regionCode!: string;
  @Column({ name: 'effective_from', type: 'date' }) effectiveFrom!: string;
  @Column('int') version!: number;
  @Column('jsonb') parameters!: object;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** An assessment as it was made: the inputs, the parameter version and the result. */
@Entity('assessment')
export class AssessmentEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'case_id', type: 'uuid', nullable: true }) caseId!: string | null;
  @Column({ name: 'parameters_id', type: 'uuid' }) parametersId!: string;
  @Column({ name: 'assessment_date', type: 'date' }) assessmentDate!: string;
  @Column('jsonb') household!: object;
  @Column('jsonb') result!: object;
  @Column({ name: 'hardship_index', type: 'numeric', nullable: true }) hardshipIndex!: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
