import { TestApp } from './support/test-app';
import { APPLICATION, CONFIRM_PATH, apply, drive, freshFamily } from './support/case-driver';

let t: TestApp;
let closedId: string;
let chengguanId: string;
let hexiId: string;

/** One case closed, then one open case in each township, left alone until their first step is overdue. */
beforeAll(async () => {
  // Reads none of the documents its steps issue: they render when read (TestAppOptions).
  t = await TestApp.start({ documents: 'on-read' });
  closedId = await apply(t);
  await drive(t, closedId, CONFIRM_PATH);
  await t.advanceDays(8);
  await drive(t, closedId, CONFIRM_PATH);
  chengguanId = await apply(t);
  const hexi = await (
    await t.as('hexi_clerk')
  )
    .post('/api/cases', { ...APPLICATION, ...freshFamily(91), regionCode: '410799101201' })
    .expect(201);
  hexiId = hexi.body.id;
  await t.advanceDays(14);
});
afterAll(async () => {
  await t?.stop();
});

async function overview(username: string) {
  return (await (await t.as(username)).get('/api/stats/overview').expect(200)).body;
}

async function openTaskOf(caseId: string) {
  const [row] = await t.query(
    `SELECT t.id, t.name, to_char(t.due_date, 'YYYY-MM-DD') AS due, c.case_no
     FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id
     WHERE c.id = $1 AND t.status = 'open'`,
    [caseId],
  );
  return row as { id: string; name: string; due: string; case_no: string };
}

const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

describe('GET /api/stats/overview', () => {
  it('lists overdue open tasks county-wide as 红色预警, with township and days overdue', async () => {
    const body = await overview('approver');
    const today = t.clock.today();
    expect(body.today).toBe(today);
    expect(body.regionName).toBe('平安县');
    const cg = await openTaskOf(chengguanId);
    const hx = await openTaskOf(hexiId);
    expect(cg.name).toBe('受理审查');
    expect(body.overdue).toEqual([
      expect.objectContaining({
        taskId: cg.id,
        caseId: chengguanId,
        caseNo: cg.case_no,
        step: '受理审查',
        dueDate: cg.due,
        daysOverdue: daysBetween(cg.due, today),
        townshipName: '城关镇',
      }),
      expect.objectContaining({ taskId: hx.id, caseId: hexiId, townshipName: '河西镇' }),
    ]);
    expect(body.overdue[0].daysOverdue).toBeGreaterThan(0);
    expect(body.totals).toMatchObject({ casesInProgress: 2, casesClosed: 1, openTasks: 2, overdue: 2 });
    expect(body.openTasksByStep).toEqual([{ step: '受理审查', open: 2, overdue: 2 }]);
    expect(body.byTownship).toEqual([
      { code: '410799100', name: '城关镇', casesInProgress: 1, openTasks: 1, overdue: 1 },
      { code: '410799101', name: '河西镇', casesInProgress: 1, openTasks: 1, overdue: 1 },
    ]);
    expect(body.casesByStatus).toEqual(
      expect.arrayContaining([
        { program: 'dibao', status: 'closed', outcome: 'confirmed', count: 1 },
        { program: 'dibao', status: 'in_progress', outcome: null, count: 2 },
      ]),
    );
  });

  it('measures processing time from application to close, and each step from opening to completion', async () => {
    const body = await overview('approver');
    const [closed] = await t.query<{ applied: string; ended: string }>(
      `SELECT to_char(c.application_date, 'YYYY-MM-DD') AS applied,
              to_char((i.ended_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD') AS ended
       FROM assistance_case c JOIN process_instance i ON i.id = c.process_instance_id WHERE c.id = $1`,
      [closedId],
    );
    const days = daysBetween(closed.applied, closed.ended);
    expect(days).toBeGreaterThanOrEqual(8);
    expect(body.durations.byProgram).toEqual([
      { program: 'dibao', closed: 1, medianDays: days, p90Days: days },
    ]);
    const steps = Object.fromEntries(
      body.durations.byStep.map((s: { step: string; completed: number; averageDays: number }) => [s.step, s]),
    );
    expect(steps['受理审查']).toEqual({ step: '受理审查', completed: 1, averageDays: 0 });
    expect(steps['县级审核确认'].completed).toBe(1);
  });

  it('is scoped to the township of a township reviewer', async () => {
    const body = await overview('reviewer');
    expect(body.regionName).toBe('城关镇');
    expect(body.overdue.map((o: { caseId: string }) => o.caseId)).toEqual([chengguanId]);
    expect(body.byTownship.map((r: { name: string }) => r.name)).toEqual(['城关镇']);
    expect(body.totals).toMatchObject({ casesInProgress: 1, casesClosed: 1, overdue: 1 });
  });

  it('is not for window clerks or applicants', async () => {
    expect((await (await t.as('clerk')).get('/api/stats/overview')).status).toBe(403);
    expect((await (await t.as('applicant')).get('/api/stats/overview')).status).toBe(403);
    expect((await (await t.as('legal')).get('/api/stats/overview')).status).toBe(200);
  });
});
