import { Column, Entity, PrimaryColumn } from 'typeorm';

export type NotificationChannel = 'portal' | 'staff' | 'email' | 'sms';
export type NotificationStatus = 'pending' | 'queued' | 'sent' | 'failed';

/**
 * One message to deliver on one channel. Written in the transaction of the step that gave rise to
 * it, so a step that rolls back leaves no message; the dispatcher delivers it after commit.
 */
@Entity('notification_outbox')
export class NotificationOutboxEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'case_id', type: 'uuid', nullable: true }) caseId!: string | null;
  /** What happened, e.g. `applicant.acceptance`, `staff.reminder`. */
  @Column('text') event!: string;
  @Column('text') channel!: NotificationChannel;
  /** E-mail address, phone number, or the staff role and region; null for the portal. */
  @Column({ type: 'jsonb' }) recipient!: Record<string, string>;
  @Column('text') subject!: string;
  @Column('text') body!: string;
  /** The same event is queued once (a reminder per task, an acceptance per case and channel). */
  @Column({ name: 'dedupe_key', type: 'text', unique: true }) dedupeKey!: string;
  @Column('text') status!: NotificationStatus;
  @Column('int') attempts!: number;
  @Column({ name: 'next_attempt_at', type: 'timestamptz' }) nextAttemptAt!: Date;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt!: Date | null;
}

/** The message centre: what the portal (applicant) and the workbench (staff by role) read. */
@Entity('notification_message')
export class NotificationMessageEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'outbox_id', type: 'uuid', unique: true }) outboxId!: string;
  @Column({ name: 'case_id', type: 'uuid', nullable: true }) caseId!: string | null;
  @Column('text') audience!: 'applicant' | 'staff';
  @Column({ type: 'text', nullable: true }) role!: string | null;
  @Column({ name: 'region_code', type: 'varchar', length: 12, nullable: true }) regionCode!: string | null;
  @Column('text') subject!: string;
  @Column('text') body!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true }) readAt!: Date | null;
}
