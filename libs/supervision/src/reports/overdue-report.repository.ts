import { EntityManager } from 'typeorm';

/** How many open tasks of a township are at one step with one due date (`due_date` as text). */
export interface OpenTaskDbRow {
  township: string;
  name: string;
  due_date: string | null;
  count: number;
}

/** The open task of a township overdue longest (`due_date` as text). */
export interface OldestOverdueDbRow {
  township: string;
  case_no: string;
  name: string;
  due_date: string;
}

/** A case in progress whose whole-case time limit has passed (`time_limit_due` as text). */
export interface PastLimitDbRow {
  township: string;
  case_no: string;
  time_limit_due: string;
}

/** What the 超时通报 reads: the townships of a region, their open tasks and cases past their limit. */
export const overdueReportRepository = {
  /** Townships within the region, or the township the region lies in. */
  townships(em: EntityManager, regionCode: string): Promise<{ code: string; name: string }[]> {
    return em.query(
      `SELECT code, name FROM region WHERE level = 'township' AND (code LIKE $1 OR $2 LIKE code || '%') ORDER BY code`,
      [`${regionCode}%`, regionCode],
    );
  },
  /**
   * Open tasks of the region per township, step and due date, summed from the open-task rollup
   * the step transactions keep current (migration 1766900000000): no scan of the task table.
   */
  openTasks(em: EntityManager, regionCode: string): Promise<OpenTaskDbRow[]> {
    return em.query(
      `SELECT substr(region_code, 1, 9) AS township, step AS name,
              CASE WHEN due_date = 'infinity'::date THEN NULL ELSE due_date::text END AS due_date,
              sum(tasks)::int AS count
       FROM open_task_stats WHERE region_code LIKE $1
       GROUP BY 1, step, due_date HAVING sum(tasks) > 0`,
      [`${regionCode}%`],
    );
  },
  /**
   * The open task of each township overdue longest (due before `asOf`). Each township walks the
   * partial open-task due-date index from its oldest entry and stops at its first task.
   */
  oldestOverdue(em: EntityManager, regionCode: string, asOf: string): Promise<OldestOverdueDbRow[]> {
    // The task's own copy of its case's region (migration 1767300000000): no probe of the case
    // for each task walked, and no join the planner could turn into a scan of the cases.
    return em.query(
      `SELECT r.code AS township, c.case_no, o.name, o.due_date
       FROM region r
       CROSS JOIN LATERAL (
         SELECT t.instance_id, t.name, t.due_date::text AS due_date
         FROM task t
         WHERE t.status = 'open' AND COALESCE(t.due_date, 'infinity'::date) < $3::date
           AND t.region_code LIKE (CASE WHEN length(r.code) >= length($2) THEN r.code ELSE $2 END) || '%'
         ORDER BY COALESCE(t.due_date, 'infinity'::date), t.created_at, t.id
         LIMIT 1) o
       JOIN assistance_case c ON c.process_instance_id = o.instance_id
       WHERE r.level = 'township' AND (r.code LIKE $1 OR $2 LIKE r.code || '%')`,
      [`${regionCode}%`, regionCode, asOf],
    );
  },
  /**
   * Every open task of the region one by one, in the order the oldest-overdue lookup breaks ties:
   * a scan of the task table, only to verify the rollup (tests, `recount`).
   */
  openTasksRecount(em: EntityManager, regionCode: string): Promise<(OpenTaskDbRow & { case_no: string })[]> {
    return em.query(
      `SELECT substr(c.region_code, 1, 9) AS township, c.case_no, t.name, t.due_date::text AS due_date, 1 AS count
       FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id
       WHERE t.status = 'open' AND c.region_code LIKE $1
       ORDER BY COALESCE(t.due_date, 'infinity'::date), t.created_at, t.id`,
      [`${regionCode}%`],
    );
  },
  /** Cases in progress whose time limit fell before `asOf`. */
  pastLimit(em: EntityManager, regionCode: string, asOf: string): Promise<PastLimitDbRow[]> {
    return em.query(
      `SELECT substr(region_code, 1, 9) AS township, case_no, time_limit_due::text AS time_limit_due
       FROM assistance_case
       WHERE status = 'in_progress' AND time_limit_due IS NOT NULL AND time_limit_due < $2::date AND region_code LIKE $1`,
      [`${regionCode}%`, asOf],
    );
  },
  async regionName(em: EntityManager, code: string): Promise<string | null> {
    const rows: { name: string }[] = await em.query(`SELECT name FROM region WHERE code = $1`, [code]);
    return rows[0]?.name ?? null;
  },
};
