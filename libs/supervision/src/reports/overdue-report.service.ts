import { Inject, Injectable } from '@nestjs/common';
import { AppError, Clock } from '@app/common';
import type { AuthUser } from '@app/auth';
import { Database } from '@app/persistence';
import { isIsoDate } from '@app/workflow';
import {
  OpenTaskRow,
  PastLimitRow,
  TownshipOverdue,
  overdueReport,
  overdueReportCsv,
} from './overdue-report';

const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/** 超时通报: overdue steps and cases past the whole-case limit, per township of the user's region. */
@Injectable()
export class OverdueReportService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async report(
    user: AuthUser,
    asOfInput?: string,
  ): Promise<{ asOf: string; region: string; townships: TownshipOverdue[] }> {
    const asOf = asOfInput ?? this.clock.today();
    if (!isIsoDate(asOf))
      throw AppError.validation('截止日期格式应为 YYYY-MM-DD', [
        { field: 'asOf', message: '截止日期格式应为 YYYY-MM-DD' },
      ]);
    const scope = user.regionCode;
    return this.db.read(async (em) => {
      const townships: { code: string; name: string }[] = await em.query(
        `SELECT code, name FROM region WHERE level = 'township' AND (code LIKE $1 OR $2 LIKE code || '%') ORDER BY code`,
        [`${scope}%`, scope],
      );
      const openTasks: any[] = await em.query(
        `SELECT substr(c.region_code, 1, 9) AS township, c.case_no, t.name, t.due_date::text AS due_date
         FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id
         WHERE t.status = 'open' AND c.region_code LIKE $1`,
        [`${scope}%`],
      );
      const pastLimit: any[] = await em.query(
        `SELECT substr(region_code, 1, 9) AS township, case_no, time_limit_due::text AS time_limit_due
         FROM assistance_case
         WHERE status = 'in_progress' AND time_limit_due IS NOT NULL AND time_limit_due < $2::date AND region_code LIKE $1`,
        [`${scope}%`, asOf],
      );
      const regionName: { name: string }[] = await em.query(`SELECT name FROM region WHERE code = $1`, [
        scope,
      ]);
      return {
        asOf,
        region: regionName[0]?.name ?? scope,
        townships: overdueReport({
          asOf,
          townships,
          openTasks: openTasks.map((r): OpenTaskRow => ({
            township: r.township,
            caseNo: r.case_no,
            taskName: r.name,
            dueDate: r.due_date ? day(r.due_date) : null,
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
