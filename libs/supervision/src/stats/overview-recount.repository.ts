import { EntityManager } from 'typeorm';
import type {
  CaseCount,
  ProgramDurationRow,
  StepDurationRow,
  StepLoad,
  TownshipLoad,
} from './overview.repository';

/* The calendar day in Beijing of a timestamptz, whatever the session's time zone is. */
const SHANGHAI_DATE = (col: string) => `((${col} AT TIME ZONE 'UTC') + interval '8 hours')::date`;

/**
 * The overview's numbers counted directly over the base tables, the way the overview read them
 * before the rollups (issue 19). Only for verifying the rollups (tests, `verify`): each query
 * scans all of history. `scope` is a region prefix pattern (`<code>%`), `today` the application date.
 */
export const overviewRecountRepository = {
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
       ORDER BY c.program, c.status DESC, count DESC, c.outcome`,
      [scope],
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
