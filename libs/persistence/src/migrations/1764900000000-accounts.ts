import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account administration: an account is disabled, never deleted (its name stays on the audit
 * record and the documents it signed); an administrator's unlock ends a sign-in lock-out early;
 * a session left unused ends before its absolute expiry (last_seen_at).
 */
export class Accounts1764900000000 implements MigrationInterface {
  name = 'Accounts1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE app_user ADD COLUMN disabled_at timestamptz;
      ALTER TABLE app_user ADD COLUMN unlocked_at timestamptz;
      ALTER TABLE app_user ADD COLUMN password_changed_at timestamptz;
      ALTER TABLE user_session ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now();
      CREATE INDEX user_session_user_idx ON user_session (user_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX user_session_user_idx;
      ALTER TABLE user_session DROP COLUMN last_seen_at;
      ALTER TABLE app_user DROP COLUMN password_changed_at;
      ALTER TABLE app_user DROP COLUMN unlocked_at;
      ALTER TABLE app_user DROP COLUMN disabled_at;
    `);
  }
}
