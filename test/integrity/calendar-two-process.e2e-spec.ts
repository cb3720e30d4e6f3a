import { WorkingCalendar, isWeekend, plusDays } from '@app/workflow';
import { TestApp } from '../support/test-app';
import { APPLICATION, freshFamily } from '../support/case-driver';
import { ApiWorker } from '../support/api-workers';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/reference-data';

/**
 * A holiday schedule loaded through one API process governs the next deadline another process
 * computes and saves (an outside tester saw a second process save due dates from the old calendar
 * for up to 30 s after `PUT /api/calendar/:year`). Each process caches the calendar; a transaction
 * on PostgreSQL, where other processes may have loaded a year, checks the cache against the table
 * before it computes a deadline that it will save.
 *
 * PostgreSQL only: PGlite is an in-process database that a second OS process cannot open.
 */
const describeWithPostgres = process.env.DATABASE_URL ? describe : describe.skip;

describeWithPostgres('holiday calendar across two API processes', () => {
  let t: TestApp;
  let b: ApiWorker | undefined;

  beforeAll(async () => {
    t = await TestApp.start();
    b = await ApiWorker.start('B', t.workerEnv());
  }, 120_000);

  afterAll(async () => {
    await b?.kill();
    await t?.stop();
  }, 120_000);

  it('makes the very next application through the other process skip the new holidays', async () => {
    const login = await b!.call<{ token: string }>('POST', '/api/auth/login', null, {
      username: 'clerk',
      password: DEMO_PASSWORD,
    });
    const token = login.body.token;
    const firstTask = async (n: number) => {
      const res = await b!.call<{ id: string }>('POST', '/api/cases', token, {
        ...APPLICATION,
        ...freshFamily(n),
      });
      expect(res.status).toBe(201);
      const [row] = await t.query<{ due: string; due_date: string; applied_on: string }>(
        `SELECT t.due, t.due_date::text AS due_date,
                to_char(c.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS applied_on
           FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id
          WHERE c.id = $1 AND t.status = 'open'`,
        [res.body.id],
      );
      return row;
    };
    // Process B computes a deadline, so its calendar is cached.
    const before = await firstTask(1);
    const days = Number(before.due.replace('WD', ''));
    const year = Number(before.applied_on.slice(0, 4));
    // Process A loads the year: every weekday of the next three weeks of that year is a holiday.
    const holidays = [...Array(21).keys()]
      .map((i) => plusDays(before.applied_on, i + 1))
      .filter((d) => !isWeekend(d) && Number(d.slice(0, 4)) === year);
    const loaded = await (
      await t.as('admin')
    ).put(`/api/calendar/${year}`, {
      holidays: holidays.length ? holidays : [`${year}-01-01`],
      workdays: [],
      source: '国办发明电（测试）',
    });
    expect(loaded.status).toBe(200);

    const after = await firstTask(2);
    expect(after.applied_on).toBe(before.applied_on);
    const expected = new WorkingCalendar([{ year, holidays, workdays: [] }]).addWorkingDays(
      after.applied_on,
      days,
    );
    expect(after.due_date).toBe(expected.date);
    expect(after.due_date).not.toBe(before.due_date);
  }, 180_000);
});
