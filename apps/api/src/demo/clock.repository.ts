import { EntityManager } from 'typeorm';

/**
 * The application clock's offset from real time: one for the deployment, which every API process
 * reads, and which a restart finds again.
 */
export const clockRepository = {
  async offset(em: EntityManager): Promise<number | null> {
    const [row]: { offset_ms: string }[] = await em.query(
      `SELECT offset_ms::text AS offset_ms FROM app_clock WHERE id = 1`,
    );
    return row ? Number(row.offset_ms) : null;
  },

  /**
   * Moves the stored offset on by `ms`, from whichever is later: the stored offset or `fromMs`, where
   * the moving process stands. Returns the new offset. Only ever forward, so two moves through two
   * processes both count and no process is asked to go back.
   */
  async advance(em: EntityManager, fromMs: number, ms: number): Promise<number> {
    const [row]: { offset_ms: string }[] = await em.query(
      `WITH moved AS (
         INSERT INTO app_clock (id, offset_ms) VALUES (1, $1::bigint + $2::bigint)
         ON CONFLICT (id) DO UPDATE SET offset_ms = GREATEST(app_clock.offset_ms, $1::bigint) + $2::bigint
         RETURNING offset_ms)
       SELECT offset_ms::text AS offset_ms FROM moved`,
      [Math.round(fromMs), Math.round(ms)],
    );
    return Number(row.offset_ms);
  },

  /** Records `offsetMs` unless the stored offset is already later. */
  async save(em: EntityManager, offsetMs: number): Promise<void> {
    await em.query(
      `INSERT INTO app_clock (id, offset_ms) VALUES (1, $1)
       ON CONFLICT (id) DO UPDATE SET offset_ms = GREATEST(app_clock.offset_ms, EXCLUDED.offset_ms)`,
      [Math.round(offsetMs)],
    );
  },
};
