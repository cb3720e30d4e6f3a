import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Maker-checker on accounts (issue 14): a change that gives an account power — creating it,
 * changing its role, duties or region, resetting its password — waits for a second
 * administrator's confirmation before the account can use it. `pending_by` is the administrator
 * whose change waits; null once confirmed (and for every account that exists today).
 */
export class AccountConfirmation1765200000000 implements MigrationInterface {
  name = 'AccountConfirmation1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user ADD COLUMN pending_by uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP COLUMN pending_by`);
  }
}
