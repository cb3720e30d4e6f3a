import { EntityManager } from 'typeorm';

/** The statistics rollups' upkeep (migration 1766900000000). */
export const statsCompactionRepository = {
  /** Folds the change rows the triggers appended into one row per key; totals stay the same. */
  async compact(em: EntityManager): Promise<void> {
    await em.query(`SELECT stats_compact()`);
  },
  /** Rows across the rollups: what a fold shrinks. */
  async rows(em: EntityManager): Promise<number> {
    const [{ n }]: { n: number }[] = await em.query(
      `SELECT ((SELECT count(*) FROM case_stats) + (SELECT count(*) FROM case_duration_stats)
             + (SELECT count(*) FROM open_task_stats) + (SELECT count(*) FROM task_completed_stats))::int AS n`,
    );
    return n;
  },
};
