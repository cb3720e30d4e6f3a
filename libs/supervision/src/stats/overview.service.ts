import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import type { AuthUser } from '@app/auth';
import { Database } from '@app/persistence';
import {
  CaseCount,
  OverdueTask,
  StepLoad,
  TownshipLoad,
  overviewRepository as stats,
} from './overview.repository';

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

  async overview(user: AuthUser): Promise<Overview> {
    const today = this.clock.today();
    const scope = `${user.regionCode}%`;
    return this.db.read(async (em) => {
      const openTasksByStep = await stats.stepLoad(em, scope, today);
      const byTownship = await stats.townships(em, scope, user.regionCode, today);
      const casesByStatus = await stats.caseCounts(em, scope);
      const overdue = await stats.overdue(em, scope, today);
      const soon = await stats.dueSoon(em, scope, today, DUE_SOON_DAYS);
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
          byProgram: (await stats.programDurations(em, scope)).map((r) => ({
            program: r.program,
            closed: r.closed,
            medianDays: round1(Number(r.median)),
            p90Days: round1(Number(r.p90)),
          })),
          byStep: (await stats.stepDurations(em, scope)).map((r) => ({
            step: r.step,
            completed: r.completed,
            averageDays: round1(Number(r.days)),
          })),
        },
      };
    });
  }
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
