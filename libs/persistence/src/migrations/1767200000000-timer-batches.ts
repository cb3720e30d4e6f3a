import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19: a timer batch reads the pending timers of its instances at once, and every step syncs
 * the pending timers of its instance; the timer table keeps every timer ever armed, so both need
 * an index on the pending ones by instance. A claim skips timers with an open incident by timer id.
 */
export class TimerBatches1767200000000 implements MigrationInterface {
  name = 'TimerBatches1767200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX timer_pending_instance_idx ON timer (instance_id) WHERE status = 'pending';
      CREATE INDEX incident_open_timer_idx ON incident (timer_id) WHERE status = 'open' AND timer_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX incident_open_timer_idx;
      DROP INDEX timer_pending_instance_idx;
    `);
  }
}
