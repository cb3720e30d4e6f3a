import { Column, Entity, PrimaryColumn } from 'typeorm';

/*
 * Rollups of the overview and the 超时通报 (migration 1766900000000). Triggers on assistance_case,
 * task and process_instance append change rows, `stats_compact()` folds them; nothing else writes
 * them. The tables have no primary key (a key has one row once folded, several before): the
 * primary columns here only name the key, for reading with TypeORM.
 */

/** Cases per village, program, status and outcome ('' for none). */
@Entity('case_stats')
export class CaseStatsEntity {
  @PrimaryColumn({ name: 'region_code', type: 'varchar', length: 12 }) regionCode!: string;
  @PrimaryColumn('text') program!: string;
  @PrimaryColumn('text') status!: string;
  @PrimaryColumn('text') outcome!: string;
  @Column('int') cases!: number;
}

/** Closed cases per village, program and calendar days from application to close. */
@Entity('case_duration_stats')
export class CaseDurationStatsEntity {
  @PrimaryColumn({ name: 'region_code', type: 'varchar', length: 12 }) regionCode!: string;
  @PrimaryColumn('text') program!: string;
  @PrimaryColumn('int') days!: number;
  @Column('int') cases!: number;
}

/** Open tasks per village, step and due date ('infinity' for none). */
@Entity('open_task_stats')
export class OpenTaskStatsEntity {
  @PrimaryColumn({ name: 'region_code', type: 'varchar', length: 12 }) regionCode!: string;
  @PrimaryColumn('text') step!: string;
  @PrimaryColumn({ name: 'due_date', type: 'date' }) dueDate!: string;
  @Column('int') tasks!: number;
}

/** Completed tasks per village and step with the seconds they stayed open in total. */
@Entity('task_completed_stats')
export class TaskCompletedStatsEntity {
  @PrimaryColumn({ name: 'region_code', type: 'varchar', length: 12 }) regionCode!: string;
  @PrimaryColumn('text') step!: string;
  @Column('int') completed!: number;
  @Column('numeric') seconds!: string;
  @Column({ name: 'first_created', type: 'timestamptz' }) firstCreated!: Date;
}
