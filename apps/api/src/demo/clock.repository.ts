import { EntityManager } from 'typeorm';

/** The application clock's offset from real time, kept so a restart does not move time back. */
export const clockRepository = {
  async offset(em: EntityManager): Promise<number | null> {
    const [row]: { offset_ms: string }[] = await em.query(
      `SELECT offset_ms::text AS offset_ms FROM app_clock WHERE id = 1`,
    );
    return row ? Number(row.offset_ms) : null;
  },

  async save(em: EntityManager, offsetMs: number): Promise<void> {
    await em.query(
      `INSERT INTO app_clock (id, offset_ms) VALUES (1, $1)
       ON CONFLICT (id) DO UPDATE SET offset_ms = EXCLUDED.offset_ms`,
      [Math.round(offsetMs)],
    );
  },
};
