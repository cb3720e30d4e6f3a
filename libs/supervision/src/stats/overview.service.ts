import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '@app/common';
import type { AuthUser } from '@app/auth';
import { Database } from '@app/persistence';

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

export interface ProgramDuration {
  program: string;
  closed: number;
  medianDays: number;
  p90Days: number;
}

export interface StepDuration {
  step: string;
  completed: number;
  averageDays: number;
}

export interface Overview {
  today: string;
  regionCode: string;
  regionName: string | null;
  totals: {
    casesInProgress: number;
    casesClosed: number;
    openTasks: number;
    overdue: number;
    dueSoon: number;
  };
  openTasksByStep: StepLoad[];
  byTownship: TownshipLoad[];
  casesByStatus: CaseCount[];
  overdue: OverdueTask[];
  durations: { byProgram: ProgramDuration[]; byStep: StepDuration[] };
}

/** How many days ahead an open task counts as "due soon". */
const DUE_SOON_DAYS = 3;
const OVERDUE_LIST_LIMIT = 200;

/* The calendar day in Beijing of a timestamptz, whatever the session's time zone is. */
const SHANGHAI_DATE = (col: string) => `((${col} AT TIME ZONE 'UTC') + interval '8 hours')::date`;

/**
 * The numbers a county or township looks at every morning, within the user's region: the load of
 * open tasks per step and township, what is overdue (due date before today on the application
 * clock), the case outcomes, and how long cases and steps take.
 */
@Injectable()
export class OverviewService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async overview(user: AuthUser): Promise<Overview> {
    const today = this.clock.today();
    const scope = `${user.regionCode}%`;
    return this.db.read(async (em) => {
      const openTasksByStep = await this.stepLoad(em, scope, today);
      const byTownship = await this.townships(em, scope, user.regionCode, today);
      const casesByStatus = await this.caseCounts(em, scope);
      const overdue = await this.overdue(em, scope, today);
      const [soon] = await em.query(
        `SELECT count(*)::int AS n FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id
         WHERE t.status = 'open' AND c.region_code LIKE $1
           AND t.due_date >= $2::date AND t.due_date <= $2::date + $3::int`,
        [scope, today, DUE_SOON_DAYS],
      );
      const [region] = await em.query(`SELECT name FROM region WHERE code = $1`, [user.regionCode]);
      const count = (status: string) =>
        casesByStatus.filter((c) => c.status === status).reduce((n, c) => n + c.count, 0);
      return {
        today,
        regionCode: user.regionCode,
        regionName: region?.name ?? null,
        totals: {
          casesInProgress: count('in_progress'),
          casesClosed: count('closed'),
          openTasks: openTasksByStep.reduce((n, s) => n + s.open, 0),
          overdue: openTasksByStep.reduce((n, s) => n + s.overdue, 0),
          dueSoon: soon.n,
        },
        openTasksByStep,
        byTownship,
        casesByStatus,
        overdue,
        durations: {
          byProgram: await this.programDurations(em, scope),
          byStep: await this.stepDurations(em, scope),
        },
      };
    });
  }

  private async stepLoad(em: EntityManager, scope: string, today: string): Promise<StepLoad[]> {
    return em.query(
      `SELECT t.name AS step, count(*)::int AS open,
              (count(*) FILTER (WHERE t.due_date < $2::date))::int AS overdue
       FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id
       WHERE t.status = 'open' AND c.region_code LIKE $1
       GROUP BY t.name
       ORDER BY open DESC, t.name`,
      [scope, today],
    );
  }

  /** Every township in scope, also those with nothing open, so a quiet township shows as 0. */
  private async townships(
    em: EntityManager,
    scope: string,
    regionCode: string,
    today: string,
  ): Promise<TownshipLoad[]> {
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
  }

  private async caseCounts(em: EntityManager, scope: string): Promise<CaseCount[]> {
    return em.query(
      `SELECT c.program, c.status, c.outcome, count(*)::int AS count
       FROM assistance_case c WHERE c.region_code LIKE $1
       GROUP BY c.program, c.status, c.outcome
       ORDER BY c.program, c.status DESC, count DESC`,
      [scope],
    );
  }

  private async overdue(em: EntityManager, scope: string, today: string): Promise<OverdueTask[]> {
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
  }

  /** Calendar days from the application date to the day the case closed (Beijing time). */
  private async programDurations(em: EntityManager, scope: string): Promise<ProgramDuration[]> {
    const rows: any[] = await em.query(
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
    return rows.map((r) => ({
      program: r.program,
      closed: r.closed,
      medianDays: round1(Number(r.median)),
      p90Days: round1(Number(r.p90)),
    }));
  }

  /** Average time a step's task stayed open, from creation to completion (cancelled ones left out). */
  private async stepDurations(em: EntityManager, scope: string): Promise<StepDuration[]> {
    const rows: any[] = await em.query(
      `SELECT t.name AS step, count(*)::int AS completed,
              (avg(extract(epoch FROM (t.completed_at - t.created_at))) / 86400)::float8 AS days
       FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id
       WHERE t.status = 'completed' AND t.completed_at IS NOT NULL AND c.region_code LIKE $1
       GROUP BY t.name
       ORDER BY min(t.created_at), t.name`,
      [scope],
    );
    return rows.map((r) => ({ step: r.step, completed: r.completed, averageDays: round1(Number(r.days)) }));
  }
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
