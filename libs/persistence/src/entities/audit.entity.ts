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
  /** The actor as they were when they acted (name, role, region), kept whatever the account becomes. */
  @Column({ name: 'actor_name', type: 'text', nullable: true }) actorName!: string | null;
  @Column({ name: 'actor_role', type: 'text', nullable: true }) actorRole!: string | null;
  @Column({ name: 'actor_region', type: 'varchar', length: 12, nullable: true }) actorRegion!: string | null;
  /** Whether the three fields above are sealed into the entry's chain hash (false for entries from before they existed). */
  @Column({ name: 'actor_sealed', type: 'boolean', default: true }) actorSealed!: boolean;
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
