import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account administration: an account is disabled, never deleted (its name stays on the audit
 * record and the documents it signed); an administrator's unlock ends a sign-in lock-out early.
 */
export class Accounts1764900000000 implements MigrationInterface {
  name = 'Accounts1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE app_user ADD COLUMN disabled_at timestamptz;
      ALTER TABLE app_user ADD COLUMN unlocked_at timestamptz;
      ALTER TABLE app_user ADD COLUMN password_changed_at timestamptz;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE app_user DROP COLUMN password_changed_at;
      ALTER TABLE app_user DROP COLUMN unlocked_at;
      ALTER TABLE app_user DROP COLUMN disabled_at;
    `);
  }
}
