import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('app_user')
export class UserEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'text', unique: true }) username!: string;
  @Column({ name: 'display_name', type: 'text' }) displayName!: string;
  @Column('text') role!: string;
  /** Further duties (task roles) the user may perform, e.g. one township clerk both investigating and reviewing. */
  @Column({ name: 'extra_roles', type: 'text', array: true, default: () => "'{}'" }) extraRoles!: string[];
  @Column({ name: 'region_code', type: 'varchar', length: 12 }) regionCode!: string;
  @Column({ name: 'password_hash', type: 'text' }) passwordHash!: string;
  /** Set instead of deleting: the name stays on the audit record and on what the user signed. */
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true }) disabledAt!: Date | null;
  /** An administrator's unlock: failed sign-ins before it no longer count towards the lock-out. */
  @Column({ name: 'unlocked_at', type: 'timestamptz', nullable: true }) unlockedAt!: Date | null;
  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt!: Date | null;
  /**
   * The administrator whose change (creation, role, duties, region, password reset) waits for a
   * second administrator's confirmation; until then the account can use none of its powers.
   */
  @Column({ name: 'pending_by', type: 'uuid', nullable: true }) pendingBy?: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('user_session')
export class SessionEntity {
  /** sha256 of the bearer token: a leaked table does not leak sessions. */
  @PrimaryColumn({ name: 'token_hash', type: 'char', length: 64 }) tokenHash!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  /** Moved on use (at most once a minute): a session idle for longer than the limit ends. */
  @Column({ name: 'last_seen_at', type: 'timestamptz' }) lastSeenAt!: Date;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
