import { CALENDAR_LAST_YEAR, WorkingCalendar, isWeekend, plusDays } from '@app/workflow';
import { TestApp } from './support/test-app';
import type { TownshipOverdueDto } from '../apps/api/src/dto/responses/reports.response';
import { CONFIRM_PATH, apply, drive, openTasks } from './support/case-driver';

let t: TestApp;
beforeAll(async () => {
  // Reads none of the documents its steps issue: they render when read (TestAppOptions).
  t = await TestApp.start({ documents: 'on-read' });
});
afterAll(async () => {
  await t?.stop();
});

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** Applies and accepts a case (受理), stopping at the first investigation step. */
async function acceptedCase(): Promise<string> {
  const caseId = await apply(t);
  await drive(t, caseId, CONFIRM_PATH, /核对|入户调查/);
  return caseId;
}

describe('whole-case time limit (30 working days, extended once to 45 by the county)', () => {
  let caseId: string;

  it('sets the limit from the acceptance date on the model’s sa:caseLimit', async () => {
    caseId = await acceptedCase();
    const detail = await (await t.as('clerk')).get(`/api/cases/${caseId}`).expect(200);
    const acceptance = detail.body.case.acceptanceDate as string;
    expect(acceptance).toBe(t.clock.today());
    const expected = WorkingCalendar.PACKAGE.addWorkingDays(acceptance, 30);
    expect(detail.body.timeLimit).toMatchObject({
      limit: '30个工作日',
      extendedLimit: '45个工作日',
      due: expected.date,
      extended: false,
      canExtend: true,
      overdue: false,
    });
  });

  it('lets only the county approver extend it, once, with reasons, audited', async () => {
    const reason = { reason: '申请人家庭成员在外地务工，需信函索证，核对时间较长' };
    expect(
      (await (await t.as('reviewer')).post(`/api/cases/${caseId}/time-limit-extension`, reason)).status,
    ).toBe(403);
    const approver = await t.as('approver');
    const short = await approver.post(`/api/cases/${caseId}/time-limit-extension`, { reason: '慢' });
    expect(short.status).toBe(400);
    expect(short.body.details[0].field).toBe('reason');
    const ok = await approver.post(`/api/cases/${caseId}/time-limit-extension`, reason).expect(201);
    const acceptance = (
      await t.query<{ d: string }>(`SELECT acceptance_date::text AS d FROM assistance_case WHERE id = $1`, [
        caseId,
      ])
    )[0].d;
    expect(ok.body).toMatchObject({
      due: WorkingCalendar.PACKAGE.addWorkingDays(acceptance, 45).date,
      extended: true,
      canExtend: false,
      extension: expect.objectContaining({ reason: reason.reason, approvedByName: '孙审批' }),
    });
    const again = await approver.post(`/api/cases/${caseId}/time-limit-extension`, reason);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_EXTENDED');
    const audit = await t.query(
      `SELECT detail FROM audit_entry WHERE case_id = $1 AND action = 'case.time-limit-extension'`,
      [caseId],
    );
    expect(audit).toHaveLength(1);
  });
});

describe('超时通报 (overdue report)', () => {
  let lateCase: string;

  it('counts overdue steps and cases past the whole-case limit per township after time passes', async () => {
    lateCase = await acceptedCase();
    const reviewer = await t.as('reviewer');
    const before = await reviewer.get('/api/reports/overdue').expect(200);
    const town = (r: { townships: TownshipOverdueDto[] }) =>
      r.townships.find((x) => x.township === '410799100')!;
    expect(town(before.body)).toMatchObject({ overdueTasks: 0, casesPastLimit: 0 });
    expect(town(before.body).openTasks).toBeGreaterThanOrEqual(2);

    await t.advanceDays(50); // past 30 working days; the extended case (45 WD) may or may not be past
    const after = await (await t.as('reviewer')).get('/api/reports/overdue').expect(200);
    const row = town(after.body);
    expect(after.body.asOf).toBe(t.clock.today());
    expect(row.overdueTasks).toBeGreaterThanOrEqual(2);
    expect(row.overdueBySteps.length).toBeGreaterThanOrEqual(1);
    expect(row.oldestOverdue?.daysOverdue).toBeGreaterThan(0);
    const [late] = await t.query<{ case_no: string; due: string }>(
      `SELECT case_no, time_limit_due::text AS due FROM assistance_case WHERE id = $1`,
      [lateCase],
    );
    expect(late.due < t.clock.today()).toBe(true);
    expect(row.casesPastLimitNos).toContain(late.case_no);
    // A township reviewer sees only their township; the county sees all of its townships.
    expect(after.body.townships.map((x: { township: string }) => x.township)).toEqual(['410799100']);
    const county = await (await t.as('approver')).get('/api/reports/overdue').expect(200);
    expect(county.body.townships.map((x: { township: string }) => x.township)).toEqual([
      '410799100',
      '410799101',
    ]);
    // The case page shows the whole case as overdue.
    const detail = await (await t.as('clerk')).get(`/api/cases/${lateCase}`).expect(200);
    expect(detail.body.timeLimit.overdue).toBe(true);
  });

  it('reports as of an earlier date, refuses a bad date and other roles, and downloads CSV', async () => {
    const reviewer = await t.as('reviewer');
    const early = await reviewer
      .get(`/api/reports/overdue?asOf=${plusDays(t.clock.today(), -50)}`)
      .expect(200);
    expect(early.body.townships[0]).toMatchObject({ overdueTasks: 0, casesPastLimit: 0 });
    const bad = await reviewer.get('/api/reports/overdue?asOf=2026-13-01');
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('asOf');
    expect((await (await t.as('clerk')).get('/api/reports/overdue')).status).toBe(403);
    const csv = await t.download('reviewer', '/api/reports/overdue?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const text = csv.body.toString('utf8');
    expect(text.startsWith('\ufeff超时通报')).toBe(true);
    expect(text).toContain('城关镇');
  });
});

describe('holiday calendar loaded by an administrator', () => {
  const year = CALENDAR_LAST_YEAR + 1;

  it('refuses non-admins and malformed schedules with field paths', async () => {
    const good = { holidays: [`${year}-01-01`], workdays: [], source: '国务院办公厅通知' };
    expect((await (await t.as('approver')).put(`/api/calendar/${year}`, good)).status).toBe(403);
    const admin = await t.as('admin');
    const week = [...Array(7).keys()].map((i) => plusDays(`${year}-01-04`, i));
    const weekend = week.find(isWeekend)!;
    const weekday = week.find((d) => !isWeekend(d))!;
    const bad = await admin.put(`/api/calendar/${year}`, {
      holidays: [`${year - 1}-12-31`, weekend],
      workdays: [weekend, weekday],
      source: '国务院办公厅通知',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual(
      expect.arrayContaining([
        { field: 'holidays[0]', message: expect.stringContaining(`不在 ${year} 年内`) },
        { field: 'workdays[0]', message: expect.stringContaining('同时列为放假日和调休上班日') },
        { field: 'workdays[1]', message: expect.stringContaining('只能是周六或周日') },
      ]),
    );
    const overview = await admin.get('/api/calendar').expect(200);
    expect(overview.body.packageLastYear).toBe(CALENDAR_LAST_YEAR);
    expect(overview.body.loaded).toEqual([]);
  });

  it('makes a due date past the package certain and skips the loaded holidays', async () => {
    // Move the application clock to the first Monday of March of the year the package lacks.
    let monday = `${year}-03-01`;
    while (new Date(`${monday}T00:00:00Z`).getUTCDay() !== 1) monday = plusDays(monday, 1);
    await t.advanceDays(daysBetween(t.clock.today(), monday));
    expect(t.clock.today()).toBe(monday);

    const firstTask = async () => {
      const caseId = await apply(t);
      const [task] = await openTasks(t, caseId);
      const [row] = await t.query(
        `SELECT due, due_date::text AS due_date, due_date_certain FROM task WHERE id = $1`,
        [task.id],
      );
      return row as { due: string; due_date: string; due_date_certain: boolean };
    };
    const before = await firstTask();
    expect(before.due).toMatch(/^\d+WD$/);
    const days = Number(before.due.replace('WD', ''));
    expect(before.due_date_certain).toBe(false);
    expect(before.due_date).toBe(
      new WorkingCalendar([], CALENDAR_LAST_YEAR).addWorkingDays(monday, days).date,
    );

    // Tuesday and Wednesday after that Monday become holidays; the Saturday after is a make-up workday.
    const holidays = [plusDays(monday, 1), plusDays(monday, 2)];
    const workdays = [plusDays(monday, 5)];
    await (
      await t.as('admin')
    )
      .put(`/api/calendar/${year}`, {
        holidays: [`${year}-01-01`, ...holidays],
        workdays,
        source: '国办发明电（测试）',
      })
      .expect(200);
    const overview = await (await t.as('clerk')).get('/api/calendar').expect(200);
    expect(overview.body.loaded).toEqual([expect.objectContaining({ year, version: 1, workdays })]);

    const after = await firstTask();
    expect(after.due_date_certain).toBe(true);
    const loaded = new WorkingCalendar([{ year, holidays: [`${year}-01-01`, ...holidays], workdays }]);
    expect(after.due_date).toBe(loaded.addWorkingDays(monday, days).date);
    expect(after.due_date).not.toBe(before.due_date);
    for (const h of holidays) expect(after.due_date).not.toBe(h);
  });
});
