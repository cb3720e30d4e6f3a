import { EntityManager } from 'typeorm';

export interface StepLoad {
  step: string;
  open: number;
  overdue: number;
}

export interface TownshipLoad {
  code: string;
  name: string;
  casesInProgress: number;
  openTasks: number;
  overdue: number;
}

export interface CaseCount {
  program: string;
  status: string;
  outcome: string | null;
  count: number;
}

export interface OverdueTask {
  taskId: string;
  step: string;
  dueDate: string;
  daysOverdue: number;
  caseId: string;
  caseNo: string;
  applicantName: string;
  townshipCode: string;
  townshipName: string | null;
  candidateGroups: string[];
}

/** Closed cases of a program with the median and 90th percentile of their calendar days. */
export interface ProgramDurationRow {
  program: string;
  closed: number;
  median: number | string | null;
  p90: number | string | null;
}

/** Completed tasks of a step with the average days they stayed open. */
export interface StepDurationRow {
  step: string;
  completed: number;
  days: number | string | null;
}

/** Closed cases of a program that took `days` calendar days: one bar of the duration histogram. */
export interface ProgramDaysRow {
  program: string;
  days: number;
  cases: number;
}

const OVERDUE_LIST_LIMIT = 200;

/**
 * What the overview reads. The counts and durations come from the rollups that triggers keep
 * current (migration 1766900000000), a few rows per village, so no query here grows with history;
 * only the overdue list reads open tasks, through the partial open-task due-date index.
 * `scope` is a region prefix pattern (`<code>%`), `today` the application date.
 */
export const overviewRepository = {
  stepLoad(em: EntityManager, scope: string, today: string): Promise<StepLoad[]> {
    return em.query(
      `SELECT step, sum(tasks)::int AS open, (COALESCE(sum(tasks) FILTER (WHERE due_date < $2::date), 0))::int AS overdue
       FROM open_task_stats WHERE region_code LIKE $1
       GROUP BY step HAVING sum(tasks) > 0
       ORDER BY open DESC, step`,
      [scope, today],
    );
  },

  /**
   * Every township in scope, also those with nothing open, so a quiet township shows as 0.
   * `townshipPrefix` covers every listed township: the user's region cut to township length.
   */
  townships(
    em: EntityManager,
    scope: string,
    regionCode: string,
    townshipPrefix: string,
    today: string,
  ): Promise<TownshipLoad[]> {
    return em.query(
      `WITH cases AS (
         SELECT substr(region_code, 1, 9) AS code, sum(cases) AS n FROM case_stats
         WHERE status = 'in_progress' AND region_code LIKE $4 GROUP BY 1),
       tasks AS (
         SELECT substr(region_code, 1, 9) AS code, sum(tasks) AS open,
                sum(tasks) FILTER (WHERE due_date < $3::date) AS overdue
         FROM open_task_stats WHERE region_code LIKE $4 GROUP BY 1)
       SELECT r.code, r.name, (COALESCE(c.n, 0))::int AS "casesInProgress",
              (COALESCE(t.open, 0))::int AS "openTasks", (COALESCE(t.overdue, 0))::int AS overdue
       FROM region r LEFT JOIN cases c ON c.code = r.code LEFT JOIN tasks t ON t.code = r.code
       WHERE r.level = 'township' AND (r.code LIKE $1 OR $2 LIKE r.code || '%')
       ORDER BY r.code`,
      [scope, regionCode, today, `${townshipPrefix}%`],
    );
  },

  caseCounts(em: EntityManager, scope: string): Promise<CaseCount[]> {
    return em.query(
      `SELECT program, status, NULLIF(outcome, '') AS outcome, sum(cases)::int AS count
       FROM case_stats WHERE region_code LIKE $1
       GROUP BY program, status, outcome HAVING sum(cases) > 0
       ORDER BY program, status DESC, count DESC, outcome`,
      [scope],
    );
  },

  overdue(em: EntityManager, scope: string, today: string): Promise<OverdueTask[]> {
    // COALESCE(due_date, 'infinity') is the key of task_open_due_asc_idx: a range scan of open tasks
    // already due, never the completed history; the region is the task's copy of its case's. Ordered
    // by the index's own columns (oldest due first, then the earliest opened), the list is the first
    // 200 entries of that range: sorted by a column of the case, every overdue task was joined and
    // sorted, in parallel workers whose start alone cost more than the whole list.
    return em.query(
      `SELECT t.id AS "taskId", t.name AS step, to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate",
              ($2::date - t.due_date)::int AS "daysOverdue", t.candidate_groups AS "candidateGroups",
              c.id AS "caseId", c.case_no AS "caseNo", c.applicant_name AS "applicantName",
              substr(c.region_code, 1, 9) AS "townshipCode", r.name AS "townshipName"
       FROM task t
       JOIN assistance_case c ON c.process_instance_id = t.instance_id
       LEFT JOIN region r ON r.code = substr(c.region_code, 1, 9)
       WHERE t.status = 'open' AND COALESCE(t.due_date, 'infinity'::date) < $2::date AND t.region_code LIKE $1
       ORDER BY COALESCE(t.due_date, 'infinity'::date), t.created_at, t.id
       LIMIT ${OVERDUE_LIST_LIMIT}`,
      [scope, today],
    );
  },

  /** Open tasks due from today through `days` days ahead. */
  async dueSoon(em: EntityManager, scope: string, today: string, days: number): Promise<number> {
    const [soon]: { n: number }[] = await em.query(
      `SELECT (COALESCE(sum(tasks), 0))::int AS n FROM open_task_stats
       WHERE region_code LIKE $1 AND due_date >= $2::date AND due_date <= $2::date + $3::int`,
      [scope, today, days],
    );
    return soon.n;
  },

  async regionName(em: EntityManager, code: string): Promise<string | null> {
    const [region]: { name: string }[] = await em.query(`SELECT name FROM region WHERE code = $1`, [code]);
    return region?.name ?? null;
  },

  /** The histogram of calendar days from application to close (Beijing time) per program. */
  programDays(em: EntityManager, scope: string): Promise<ProgramDaysRow[]> {
    return em.query(
      `SELECT program, days, sum(cases)::int AS cases FROM case_duration_stats
       WHERE region_code LIKE $1 GROUP BY program, days HAVING sum(cases) > 0
       ORDER BY program, days`,
      [scope],
    );
  },

  /** Average time a step's task stayed open, from creation to completion (cancelled ones left out). */
  stepDurations(em: EntityManager, scope: string): Promise<StepDurationRow[]> {
    return em.query(
      `SELECT step, sum(completed)::int AS completed, (sum(seconds) / sum(completed) / 86400)::float8 AS days
       FROM task_completed_stats WHERE region_code LIKE $1
       GROUP BY step HAVING sum(completed) > 0
       ORDER BY min(first_created), step`,
      [scope],
    );
  },
};
