import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A move of the demo clock takes effect at an instant every API process knows in advance
 * (`switch_at`, real epoch ms); until then the clock stands `before_ms` ahead. A move that took
 * effect at once reached the other processes up to a sync interval late: they wrote audit entries
 * on the old time after the new, and took sessions opened then for idle (outside tester #2, #3).
 */
export class ClockSwitch1768740000000 implements MigrationInterface {
  name = 'ClockSwitch1768740000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_clock ADD COLUMN before_ms bigint, ADD COLUMN switch_at bigint`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_clock DROP COLUMN before_ms, DROP COLUMN switch_at`);
  }
}
