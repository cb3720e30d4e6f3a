import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import type { AuthUser } from '@app/auth';
import { Database } from '@app/persistence';
import { EntityManager } from 'typeorm';
import {
  CaseCount,
  OverdueTask,
  ProgramDurationRow,
  StepDurationRow,
  StepLoad,
  TownshipLoad,
  overviewRepository as stats,
} from './overview.repository';
import { overviewRecountRepository as recount } from './overview-recount.repository';
import { percentileCont } from './percentile';

export type { CaseCount, OverdueTask, StepLoad, TownshipLoad } from './overview.repository';

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

  /** The overview from the rollups the step transactions keep current. */
  async overview(user: AuthUser): Promise<Overview> {
    return this.build(user, {
      stepLoad: stats.stepLoad,
      townships: (em, scope, regionCode, today) =>
        stats.townships(em, scope, regionCode, regionCode.slice(0, 9), today),
      caseCounts: stats.caseCounts,
      dueSoon: stats.dueSoon,
      programDurations: async (em, scope) => programDurations(await stats.programDays(em, scope)),
      stepDurations: stats.stepDurations,
    });
  }

  /**
   * The same overview counted over all of history in the base tables: slow, only to prove the
   * rollups right (tests) or to check a database after a repair.
   */
  async recount(user: AuthUser): Promise<Overview> {
    return this.build(user, recount);
  }

  private async build(user: AuthUser, source: CountSource): Promise<Overview> {
    const today = this.clock.today();
    const scope = `${user.regionCode}%`;
    return this.db.read(async (em) => {
      const openTasksByStep = await source.stepLoad(em, scope, today);
      const byTownship = await source.townships(em, scope, user.regionCode, today);
      const casesByStatus = await source.caseCounts(em, scope);
      const overdue = await stats.overdue(em, scope, today);
      const soon = await source.dueSoon(em, scope, today, DUE_SOON_DAYS);
      const regionName = await stats.regionName(em, user.regionCode);
      const count = (status: string) =>
        casesByStatus.filter((c) => c.status === status).reduce((n, c) => n + c.count, 0);
      return {
        today,
        regionCode: user.regionCode,
        regionName,
        totals: {
          casesInProgress: count('in_progress'),
          casesClosed: count('closed'),
          openTasks: openTasksByStep.reduce((n, s) => n + s.open, 0),
          overdue: openTasksByStep.reduce((n, s) => n + s.overdue, 0),
          dueSoon: soon,
        },
        openTasksByStep,
        byTownship,
        casesByStatus,
        overdue,
        durations: {
          byProgram: (await source.programDurations(em, scope)).map((r) => ({
            program: r.program,
            closed: r.closed,
            medianDays: round1(Number(r.median)),
            p90Days: round1(Number(r.p90)),
          })),
          byStep: (await source.stepDurations(em, scope)).map((r) => ({
            step: r.step,
            completed: r.completed,
            averageDays: round1(Number(r.days)),
          })),
        },
      };
    });
  }
}

/** Where the overview's counts come from: the rollups, or a recount over the base tables. */
interface CountSource {
  stepLoad(em: EntityManager, scope: string, today: string): Promise<StepLoad[]>;
  townships(em: EntityManager, scope: string, regionCode: string, today: string): Promise<TownshipLoad[]>;
  caseCounts(em: EntityManager, scope: string): Promise<CaseCount[]>;
  dueSoon(em: EntityManager, scope: string, today: string, days: number): Promise<number>;
  programDurations(em: EntityManager, scope: string): Promise<ProgramDurationRow[]>;
  stepDurations(em: EntityManager, scope: string): Promise<StepDurationRow[]>;
}

/** Median and 90th percentile per program from the histogram, as `percentile_cont` computes them. */
function programDurations(rows: { program: string; days: number; cases: number }[]): ProgramDurationRow[] {
  const programs = [...new Set(rows.map((r) => r.program))];
  return programs.map((program) => {
    const bars = rows.filter((r) => r.program === program);
    return {
      program,
      closed: bars.reduce((n, b) => n + b.cases, 0),
      median: percentileCont(bars, 0.5),
      p90: percentileCont(bars, 0.9),
    };
  });
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
