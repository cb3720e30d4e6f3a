import { EntityManager } from 'typeorm';

/**
 * The deployment's clock: `offsetMs` ahead of real time from real instant `switchAt` (epoch ms) on,
 * `beforeMs` until then. A move takes effect at an instant every process has heard of in advance.
 */
export interface StoredClock {
  offsetMs: number;
  beforeMs: number;
  switchAt: number;
}

/**
 * The application clock's offset from real time: one for the deployment, which every API process
 * reads, and which a restart finds again.
 */
export const clockRepository = {
  /**
   * The stored clock. `lock`: FOR SHARE, so that a read either finishes before a move takes its row
   * lock or waits for the move's commit and sees it (ClockStore's guarantee rests on this).
   */
  async state(em: EntityManager, lock = false): Promise<StoredClock | null> {
    const [row]: { offset_ms: string; before_ms: string | null; switch_at: string | null }[] = await em.query(
      `SELECT offset_ms::text AS offset_ms, before_ms::text AS before_ms, switch_at::text AS switch_at
       FROM app_clock WHERE id = 1${lock ? ' FOR SHARE' : ''}`,
    );
    if (!row) return null;
    const offsetMs = Number(row.offset_ms);
    return {
      offsetMs,
      beforeMs: row.before_ms === null ? offsetMs : Number(row.before_ms),
      switchAt: row.switch_at === null ? 0 : Number(row.switch_at),
    };
  },

  /** The stored clock, its row locked against other moves until the transaction ends. */
  async lockForMove(em: EntityManager): Promise<StoredClock | null> {
    await em.query(`INSERT INTO app_clock (id, offset_ms) VALUES (1, 0) ON CONFLICT (id) DO NOTHING`);
    await em.query(`SELECT 1 FROM app_clock WHERE id = 1 FOR UPDATE`);
    return clockRepository.state(em);
  },

  async write(em: EntityManager, c: StoredClock): Promise<void> {
    await em.query(`UPDATE app_clock SET offset_ms = $1, before_ms = $2, switch_at = $3 WHERE id = 1`, [
      Math.round(c.offsetMs),
      Math.round(c.beforeMs),
      Math.round(c.switchAt),
    ]);
  },

  /** Records `offsetMs` unless the stored offset is already later. */
  async save(em: EntityManager, offsetMs: number): Promise<void> {
    await em.query(
      `INSERT INTO app_clock (id, offset_ms) VALUES (1, $1)
       ON CONFLICT (id) DO UPDATE SET offset_ms = GREATEST(app_clock.offset_ms, EXCLUDED.offset_ms),
         before_ms = GREATEST(app_clock.before_ms, EXCLUDED.offset_ms)`,
      [Math.round(offsetMs)],
    );
  },
};
