import { TestApp } from './support/test-app';
import { apply, openTasks } from './support/case-driver';

/**
 * The demo clock (issue 18 §10): the web reads the application clock from GET /api/clock, and a
 * move of the clock survives a restart. It did not: a restart put the clock back by the days moved,
 * a task opened on the moved clock was completed "before" it opened, and the overview's step
 * averages went negative ("平均 -8.0 天").
 */
let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => {
  await t?.stop();
});

it('tells every signed-in user the application clock and whether this is a demo', async () => {
  const clock = (await (await t.as('clerk')).get('/api/clock').expect(200)).body;
  expect(clock).toMatchObject({ today: t.clock.today(), demo: true, offsetDays: 0 });
  await t.http.get('/api/clock').expect(401);
});

it('keeps the demo clock across a restart, so no step takes a negative time', async () => {
  const before = t.clock.today();
  await (await t.as('admin')).post('/api/demo/clock', { days: 8 }).expect(200);
  t.forgetSessions();
  const moved = t.clock.today();
  expect(moved).not.toBe(before);
  const caseId = await apply(t);
  const [task] = await openTasks(t, caseId);

  await t.restart({ storedClock: true });
  expect(t.clock.today()).toBe(moved);
  expect((await (await t.as('clerk')).get('/api/clock').expect(200)).body.offsetDays).toBe(8);

  await (
    await t.as('clerk')
  )
    .post(`/api/tasks/${task.id}/complete`, { data: { decision: 'accept' } })
    .expect(200);
  const overview = (await (await t.as('approver')).get('/api/stats/overview').expect(200)).body;
  const steps = overview.durations.byStep as { step: string; averageDays: number }[];
  expect(steps.find((s) => s.step === '受理审查')).toBeDefined();
  for (const s of steps) expect(s.averageDays).toBeGreaterThanOrEqual(0);
});

// Last: it moves the clock again, which the restart test above counts.
it("moving the demo clock signs nobody out: the jump is not the users' idleness", async () => {
  const admin = await t.as('admin');
  const clerk = await t.as('clerk');
  await admin.post('/api/demo/clock', { days: 2 }).expect(200);
  await admin.get('/api/auth/me').expect(200);
  await clerk.get('/api/auth/me').expect(200);
  // Still idle-timed from the moved clock: 31 minutes without a request ends the session.
  t.clock.advance(31 * 60_000);
  expect((await clerk.get('/api/auth/me').expect(401)).body.code).toBe('SESSION_IDLE');
  t.forgetSessions();
});

it('puts every move of the clock on the audit record, by whom and from when to when', async () => {
  const moves = await t.query<{ actor_id: string; detail: { days: number; from: string; to: string } }>(
    `SELECT actor_id, detail FROM audit_entry WHERE action = 'demo.clock.move' ORDER BY id`,
  );
  expect(moves.map((m) => m.detail.days)).toEqual([8, 2]);
  const [admin] = await t.query<{ id: string }>(`SELECT id FROM app_user WHERE username = 'admin'`);
  for (const m of moves) {
    expect(m.actor_id).toBe(admin.id);
    expect(Date.parse(m.detail.to) - Date.parse(m.detail.from)).toBe(m.detail.days * 86_400_000);
  }
});
