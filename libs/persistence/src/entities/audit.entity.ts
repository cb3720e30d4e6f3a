import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('audit_entry')
export class AuditEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId!: string | null;
  @Column('text') action!: string;
  @Column({ name: 'case_id', type: 'uuid', nullable: true }) caseId!: string | null;
  @Column({ type: 'jsonb', nullable: true }) detail!: object | null;
  /** Where the action came from (request id, client address, user agent); null for timers and scripts. */
  @Column({ type: 'jsonb', nullable: true }) origin!: object | null;
}

@Entity('idempotency_key')
export class IdempotencyEntity {
  @Column({ type: 'text', primary: true }) key!: string;
  @Column({ name: 'user_id', type: 'uuid', primary: true }) userId!: string;
  @Column({ name: 'request_hash', type: 'char', length: 64 }) requestHash!: string;
  @Column({ name: 'response_status', type: 'int' }) responseStatus!: number;
  @Column({ name: 'response_body', type: 'jsonb' }) responseBody!: object;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
