import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('process_definition')
export class ProcessDefinitionEntity {
  @PrimaryColumn('uuid') id!: string;
  /** The BPMN process id, stable across versions. */
  @Column('text') key!: string;
  @Column('int') version!: number;
  @Column('text') name!: string;
  @Column({ name: 'content_hash', type: 'char', length: 64 }) contentHash!: string;
  @Column('text') source!: string;
  @Column({ name: 'deployed_at', type: 'timestamptz' }) deployedAt!: Date;
  /** New cases start on the highest version whose effective date has come (YYYY-MM-DD, China time). */
  @Column({ name: 'effective_from', type: 'date' }) effectiveFrom!: string;
  /** The region whose cases it governs and who deployed it; null for the bundled models deployed at start. */
  @Column({ name: 'scope_region', type: 'varchar', length: 12, nullable: true }) scopeRegion?: string | null;
  @Column({ name: 'deployed_by', type: 'uuid', nullable: true }) deployedBy?: string | null;
  /** What changed and why, in the deploying legal officer's words; null for the bundled models. */
  @Column({ name: 'change_note', type: 'text', nullable: true }) changeNote?: string | null;
}

/**
 * A model being edited in the studio, kept whether or not it passes the deploy checks (a model
 * that fails them must still be openable to be fixed). `origin` says where it came from:
 * `blank`, `copy:<definition id>` or `import`.
 */
@Entity('process_draft')
export class ProcessDraftEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column({ name: 'file_name', type: 'text' }) fileName!: string;
  @Column('text') source!: string;
  @Column('text') origin!: string;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/**
 * A legal officer's explicit retirement of a process key: from `effectiveFrom` the key takes no new
 * cases (running cases finish on their versions) and another process may take its program and
 * kind. Evidence of who decided and why: append-only, one per key.
 */
@Entity('process_retirement')
export class ProcessRetirementEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'process_key', type: 'text' }) processKey!: string;
  @Column({ name: 'effective_from', type: 'date' }) effectiveFrom!: string;
  @Column('text') reason!: string;
  @Column({ name: 'retired_by', type: 'uuid' }) retiredBy!: string;
  @Column({ name: 'retired_at', type: 'timestamptz' }) retiredAt!: Date;
}

@Entity('process_instance')
export class ProcessInstanceEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'definition_id', type: 'uuid' }) definitionId!: string;
  @Column({ name: 'business_key', type: 'text' }) businessKey!: string;
  @Column('text') status!: 'running' | 'completed' | 'failed';
  @Column({ type: 'text', nullable: true }) outcome!: string | null;
  /** bpmn-engine execution state; embeds the model, which pins the case to its version. */
  @Column('jsonb') state!: object;
  @Column('int') version!: number;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt!: Date | null;
}

@Entity('task')
export class TaskEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'instance_id', type: 'uuid' }) instanceId!: string;
  @Column({ name: 'element_id', type: 'text' }) elementId!: string;
  @Column('text') name!: string;
  @Column({ name: 'candidate_groups', type: 'text', array: true }) candidateGroups!: string[];
  /** Form fields as read from the model at the time the task opened. */
  @Column('jsonb') form!: object[];
  @Column({ type: 'text', nullable: true }) due!: string | null;
  @Column({ name: 'due_date', type: 'date', nullable: true }) dueDate!: string | null;
  /** False when the due date falls in a year the official holiday calendar does not cover yet. */
  @Column({ name: 'due_date_certain', type: 'boolean', default: true }) dueDateCertain!: boolean;
  @Column('text') status!: 'open' | 'completed' | 'cancelled';
  @Column({ type: 'jsonb', nullable: true }) data!: object | null;
  @Column({ name: 'completed_by', type: 'uuid', nullable: true }) completedBy!: string | null;
  /** The clerk who claimed the task or was assigned it; null while it waits in the group inbox. */
  @Column({ type: 'uuid', nullable: true }) assignee!: string | null;
  @Column({ name: 'assigned_at', type: 'timestamptz', nullable: true }) assignedAt!: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt!: Date | null;
}

@Entity('timer')
export class TimerEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'instance_id', type: 'uuid' }) instanceId!: string;
  @Column({ name: 'element_id', type: 'text' }) elementId!: string;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column('text') status!: 'pending' | 'fired' | 'cancelled';
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'fired_at', type: 'timestamptz', nullable: true }) firedAt!: Date | null;
}
