import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One activity end or sequence flow taken by a process instance, numbered per instance. */
@Entity('activity_log')
export class ActivityLogEntity {
  @PrimaryColumn({ name: 'instance_id', type: 'uuid' }) instanceId!: string;
  @PrimaryColumn('int') seq!: number;
  @Column({ name: 'element_id', type: 'text' }) elementId!: string;
  @Column({ name: 'element_type', type: 'text' }) elementType!: string;
  /** 'end' (an activity finished) or 'take' (a sequence flow was followed). */
  @Column('text') event!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
}
