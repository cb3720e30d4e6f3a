import { MigrationInterface, QueryRunner } from 'typeorm';

/** The prefix lengths of a region code: province, city, county, township, village. */
const PREFIXES = [2, 4, 6, 9, 12];

/**
 * The inbox narrows open tasks by the task's region code cut to the length of the user's
 * (`substr(region_code, 1, n) = $2`, the leading column of the role indexes). The planner has no
 * statistics for that expression (it does not read a partial index's), so it guessed 0.5 % of the
 * tasks for a whole county: a few dozen rows where a million cases hold hundreds of thousands, and
 * it chose plans for a few dozen (the capped total read every match of the township through a
 * bitmap instead of stopping at the cap). Statistics on each cut let ANALYZE count them.
 */
export class TaskRegionStatistics1767950000000 implements MigrationInterface {
  name = 'TaskRegionStatistics1767950000000';

  async up(q: QueryRunner): Promise<void> {
    for (const n of PREFIXES)
      await q.query(`CREATE STATISTICS task_region_${n}_stats ON (substr(region_code, 1, ${n})) FROM task`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const n of PREFIXES) await q.query(`DROP STATISTICS task_region_${n}_stats`);
  }
}
