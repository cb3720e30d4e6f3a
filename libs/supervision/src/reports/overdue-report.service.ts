import { Inject, Injectable } from '@nestjs/common';
import { AppError, Clock } from '@app/common';
import type { AuthUser } from '@app/auth';
import { Database } from '@app/persistence';
import { isIsoDate } from '@app/workflow';
import {
  OldestOverdueRow,
  OpenTaskRow,
  PastLimitRow,
  TownshipOverdue,
  overdueReport,
  overdueReportCsv,
} from './overdue-report';
import { overdueReportRepository as overdue } from './overdue-report.repository';

const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

export interface OverdueReport {
  asOf: string;
  region: string;
  townships: TownshipOverdue[];
}

/** 超时通报: overdue steps and cases past the whole-case limit, per township of the user's region. */
@Injectable()
export class OverdueReportService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async report(user: AuthUser, asOfInput?: string): Promise<OverdueReport> {
    return this.build(user, asOfInput, false);
  }

  /**
   * The same report from every open task read one by one: slow, only to prove the rollup-based
   * report right (tests) or to check a database after a repair.
   */
  async recount(user: AuthUser, asOfInput?: string): Promise<OverdueReport> {
    return this.build(user, asOfInput, true);
  }

  private async build(
    user: AuthUser,
    asOfInput: string | undefined,
    recount: boolean,
  ): Promise<OverdueReport> {
    const asOf = asOfInput ?? this.clock.today();
    if (!isIsoDate(asOf))
      throw AppError.validation('截止日期格式应为 YYYY-MM-DD', [
        { field: 'asOf', message: '截止日期格式应为 YYYY-MM-DD' },
      ]);
    const scope = user.regionCode;
    return this.db.read(async (em) => {
      const townships = await overdue.townships(em, scope);
      const openTasks = recount
        ? await overdue.openTasksRecount(em, scope)
        : await overdue.openTasks(em, scope);
      const oldest = recount ? undefined : await overdue.oldestOverdue(em, scope, asOf);
      const pastLimit = await overdue.pastLimit(em, scope, asOf);
      const regionName = await overdue.regionName(em, scope);
      return {
        asOf,
        region: regionName ?? scope,
        townships: overdueReport({
          asOf,
          townships,
          openTasks: openTasks.map((r): OpenTaskRow => ({
            township: r.township,
            ...('case_no' in r && { caseNo: String(r.case_no) }),
            taskName: r.name,
            dueDate: r.due_date ? day(r.due_date) : null,
            count: Number(r.count),
          })),
          oldestOverdue: oldest?.map((r): OldestOverdueRow => ({
            township: r.township,
            caseNo: r.case_no,
            taskName: r.name,
            dueDate: day(r.due_date),
          })),
          pastLimit: pastLimit.map((r): PastLimitRow => ({
            township: r.township,
            caseNo: r.case_no,
            timeLimitDue: day(r.time_limit_due),
          })),
        }),
      };
    });
  }

  async csv(user: AuthUser, asOf?: string): Promise<{ fileName: string; body: string }> {
    const report = await this.report(user, asOf);
    return {
      fileName: `超时通报-${report.region}-${report.asOf}.csv`,
      body: overdueReportCsv(report.asOf, report.townships),
    };
  }
}
