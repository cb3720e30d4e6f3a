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

const OVERDUE_LIST_LIMIT = 200;

/* The calendar day in Beijing of a timestamptz, whatever the session's time zone is. */
const SHANGHAI_DATE = (col: string) => `((${col} AT TIME ZONE 'UTC') + interval '8 hours')::date`;

/** What the overview reads; `scope` is a region prefix pattern (`<code>%`), `today` the application date. */
export const overviewRepository = {
  stepLoad(em: EntityManager, scope: string, today: string): Promise<StepLoad[]> {
    return em.query(
      `SELECT t.name AS step, count(*)::int AS open,
              (count(*) FILTER (WHERE t.due_date < $2::date))::int AS overdue
       FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id
       WHERE t.status = 'open' AND c.region_code LIKE $1
       GROUP BY t.name
       ORDER BY open DESC, t.name`,
      [scope, today],
    );
  },

  /** Every township in scope, also those with nothing open, so a quiet township shows as 0. */
  townships(em: EntityManager, scope: string, regionCode: string, today: string): Promise<TownshipLoad[]> {
    return em.query(
      `SELECT r.code, r.name,
              (SELECT count(*) FROM assistance_case c
                WHERE c.status = 'in_progress' AND c.region_code LIKE r.code || '%')::int AS "casesInProgress",
              (SELECT count(*) FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id
                WHERE t.status = 'open' AND c.region_code LIKE r.code || '%')::int AS "openTasks",
              (SELECT count(*) FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id
                WHERE t.status = 'open' AND t.due_date < $3::date AND c.region_code LIKE r.code || '%')::int AS overdue
       FROM region r
       WHERE r.level = 'township' AND (r.code LIKE $1 OR $2 LIKE r.code || '%')
       ORDER BY r.code`,
      [scope, regionCode, today],
    );
  },

  caseCounts(em: EntityManager, scope: string): Promise<CaseCount[]> {
    return em.query(
      `SELECT c.program, c.status, c.outcome, count(*)::int AS count
       FROM assistance_case c WHERE c.region_code LIKE $1
       GROUP BY c.program, c.status, c.outcome
       ORDER BY c.program, c.status DESC, count DESC`,
      [scope],
    );
  },

  overdue(em: EntityManager, scope: string, today: string): Promise<OverdueTask[]> {
    return em.query(
      `SELECT t.id AS "taskId", t.name AS step, to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate",
              ($2::date - t.due_date)::int AS "daysOverdue", t.candidate_groups AS "candidateGroups",
              c.id AS "caseId", c.case_no AS "caseNo", c.applicant_name AS "applicantName",
              substr(c.region_code, 1, 9) AS "townshipCode", r.name AS "townshipName"
       FROM task t
       JOIN assistance_case c ON c.process_instance_id = t.instance_id
       LEFT JOIN region r ON r.code = substr(c.region_code, 1, 9)
       WHERE t.status = 'open' AND t.due_date < $2::date AND c.region_code LIKE $1
       ORDER BY t.due_date ASC, c.case_no ASC
       LIMIT ${OVERDUE_LIST_LIMIT}`,
      [scope, today],
    );
  },

  /** Open tasks due from today through `days` days ahead. */
  async dueSoon(em: EntityManager, scope: string, today: string, days: number): Promise<number> {
    const [soon]: { n: number }[] = await em.query(
      `SELECT count(*)::int AS n FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id
       WHERE t.status = 'open' AND c.region_code LIKE $1
         AND t.due_date >= $2::date AND t.due_date <= $2::date + $3::int`,
      [scope, today, days],
    );
    return soon.n;
  },

  async regionName(em: EntityManager, code: string): Promise<string | null> {
    const [region]: { name: string }[] = await em.query(`SELECT name FROM region WHERE code = $1`, [code]);
    return region?.name ?? null;
  },

  /** Calendar days from the application date to the day the case closed (Beijing time). */
  programDurations(em: EntityManager, scope: string): Promise<ProgramDurationRow[]> {
    return em.query(
      `SELECT c.program, count(*)::int AS closed,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY d.days) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY d.days) AS p90
       FROM assistance_case c
       JOIN process_instance i ON i.id = c.process_instance_id
       CROSS JOIN LATERAL (
         SELECT (${SHANGHAI_DATE('COALESCE(i.ended_at, c.updated_at)')} - c.application_date)::float8 AS days
       ) d
       WHERE c.status = 'closed' AND c.region_code LIKE $1
       GROUP BY c.program ORDER BY c.program`,
      [scope],
    );
  },

  /** Average time a step's task stayed open, from creation to completion (cancelled ones left out). */
  stepDurations(em: EntityManager, scope: string): Promise<StepDurationRow[]> {
    return em.query(
      `SELECT t.name AS step, count(*)::int AS completed,
              (avg(extract(epoch FROM (t.completed_at - t.created_at))) / 86400)::float8 AS days
       FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id
       WHERE t.status = 'completed' AND t.completed_at IS NOT NULL AND c.region_code LIKE $1
       GROUP BY t.name
       ORDER BY min(t.created_at), t.name`,
      [scope],
    );
  },
};
