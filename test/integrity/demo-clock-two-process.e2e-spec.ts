import { TestApp } from '../support/test-app';
import { APPLICATION, CONFIRM_PATH, apply, drive, freshFamily } from '../support/case-driver';
import { ApiWorker } from '../support/api-workers';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/reference-data';

/**
 * The demo clock is the deployment's, not one process's (outside tester F2): moved through one API
 * process, it was moved in that process only. Another process on the same database kept the old
 * time, so a step that needs the 公示 period ended passed on one and was refused on the other, and
 * the two wrote audit entries out of time order. Here process A (this one) moves the clock and
 * process B, a separate OS process, must tell the moved time to the very next request after the
 * move has been answered.
 *
 * PostgreSQL only: PGlite is an in-process database that a second OS process cannot open.
 */
const describeWithPostgres = process.env.DATABASE_URL ? describe : describe.skip;

// Both processes, as a deployment would be configured: each reads the stored clock this often.
const SYNC = { CLOCK_SYNC_MS: '1000' };

describeWithPostgres('the demo clock across two API processes', () => {
  let t: TestApp;
  let b: ApiWorker | undefined;
  const saved = process.env.CLOCK_SYNC_MS;

  beforeAll(async () => {
    process.env.CLOCK_SYNC_MS = SYNC.CLOCK_SYNC_MS;
    t = await TestApp.start();
    // B polls for due timers, as a deployment's processes do; A (this process) does not.
    b = await ApiWorker.start('B', t.workerEnv({ ...SYNC, TIMER_POLL_MS: '100' }));
  }, 120_000);

  afterAll(async () => {
    await b?.kill();
    await t?.stop();
    if (saved === undefined) delete process.env.CLOCK_SYNC_MS;
    else process.env.CLOCK_SYNC_MS = saved;
  }, 120_000);

  const signIn = async (username: string) => {
    const res = await b!.call<{ token: string }>('POST', '/api/auth/login', null, {
      username,
      password: DEMO_PASSWORD,
    });
    expect(res.status).toBe(200);
    return res.body.token;
  };
  const clockOnB = async (token: string) => {
    const res = await b!.call<{ today: string; offsetDays: number; now: string }>('GET', '/api/clock', token);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('moved through one process, the clock is moved in the other by the time the move answers', async () => {
    const clerk = await signIn('clerk');
    expect((await clockOnB(clerk)).offsetDays).toBe(0);
    await (await t.as('admin')).post('/api/demo/clock', { days: 8 }).expect(200);
    const moved = t.clock.today();
    const [{ mark }] = await t.query<{ mark: string }>(
      `SELECT coalesce(max(id), 0)::text AS mark FROM audit_entry`,
    );

    // The clerk signed in on B before the move is still signed in after it, on the moved clock.
    expect(await clockOnB(clerk)).toMatchObject({ offsetDays: 8, today: moved });

    // Requests to both processes after the move, one after the other: sign-ins on B and on A, then a
    // case applied for on B. (One request's own entries are not compared: an application's issued
    // documents are recorded before the application's entry, with a time read later.)
    const approver = await signIn('approver');
    await t.as('approver');
    const applied = await b!.call('POST', '/api/cases', clerk, { ...APPLICATION, ...freshFamily(1) });
    expect(applied.status).toBe(201);
    expect((await clockOnB(approver)).today).toBe(moved);

    const entries = await t.query<{ action: string; at: Date }>(
      `SELECT action, at FROM audit_entry WHERE id > $1 AND action IN ('auth.login', 'case.apply') ORDER BY id`,
      [mark],
    );
    expect(entries.map((e) => e.action)).toEqual(['auth.login', 'auth.login', 'case.apply']);
    const times = entries.map((e) => e.at.getTime());
    expect(times).toEqual([...times].sort((x, y) => x - y));
  }, 120_000);

  it('moved through one process while both sign users in, every entry after the first on the moved clock is on it, and no session opened meanwhile is idle', async () => {
    const admin = await t.as('admin');
    const clerk = await signIn('clerk');
    const created = await b!.call<{ id: string }>('POST', '/api/cases', clerk, {
      ...APPLICATION,
      ...freshFamily(2),
    });
    expect(created.status).toBe(201);
    const onCase = `/api/cases/${created.body.id}`;
    const clerkOnA = await t.as('clerk');
    const [{ mark }] = await t.query<{ mark: string }>(
      `SELECT coalesce(max(id), 0)::text AS mark FROM audit_entry`,
    );
    const before = t.clock.now().getTime();
    // Sign-ins and reads of a case (each on the audit record) on both processes, one after another
    // on each, through the whole move (outside tester #2, #3: B wrote entries on the old time after
    // A wrote on the new, and its sessions opened in that second were refused as idle right after).
    let moving = true;
    const tokensOnB: string[] = [];
    const loops = [
      (async () => {
        while (moving) tokensOnB.push(await signIn('clerk'));
      })(),
      (async () => {
        while (moving) expect((await b!.call('GET', onCase, clerk)).status).toBe(200);
      })(),
      (async () => {
        while (moving) await clerkOnA.get(onCase).expect(200);
      })(),
    ];
    await admin.post('/api/demo/clock', { days: 8 }).expect(200);
    moving = false;
    await Promise.all(loops);

    const entries = await t.query<{ at: Date }>(
      `SELECT at FROM audit_entry WHERE id > $1 AND action IN ('auth.login', 'access.case.read') ORDER BY id`,
      [mark],
    );
    // Old clock or moved clock (8 days on): in the order written, never the old after the moved.
    const moved = entries.map((e) => e.at.getTime() > before + 4 * 86_400_000);
    expect(moved).toContain(false);
    expect(moved).toEqual([...moved].sort((x, y) => Number(x) - Number(y)));

    // Every session opened on B during the move is still open after it.
    expect(tokensOnB.length).toBeGreaterThan(1);
    const statuses = [];
    for (const token of tokensOnB) statuses.push((await b!.call('GET', '/api/auth/me', token)).status);
    expect(statuses).toEqual(tokensOnB.map(() => 200));
  }, 120_000);

  it('two moves at once, one through each process: each entry records the step its own move made', async () => {
    const [{ mark }] = await t.query<{ mark: string }>(
      `SELECT coalesce(max(id), 0)::text AS mark FROM audit_entry`,
    );
    const admin = await signIn('admin');
    const [onA, onB] = await Promise.all([
      (await t.as('admin')).post('/api/demo/clock', { days: 2 }),
      b!.call('POST', '/api/demo/clock', admin, { days: 5 }),
    ]);
    expect([onA.status, onB.status]).toEqual([200, 200]);
    const moves = await t.query<{ detail: { days: number; from: string; to: string } }>(
      `SELECT detail FROM audit_entry WHERE id > $1 AND action = 'demo.clock.move' ORDER BY id`,
      [mark],
    );
    expect(moves.map((m) => m.detail.days).sort()).toEqual([2, 5]);
    const [first, second] = moves.map((m) => ({
      ...m.detail,
      from: Date.parse(m.detail.from),
      to: Date.parse(m.detail.to),
    }));
    for (const m of [first, second]) expect(m.to - m.from).toBe(m.days * 86_400_000);
    // The second starts where the first took the clock (give or take the real time between their
    // switch instants), not from where both started: before, its entry left the first's 2 days out.
    expect(Math.abs(second.from - first.to)).toBeLessThan(3_600_000);
  }, 120_000);

  it("answers with the timers the move made due and that fired, whichever process's poller fired them", async () => {
    // Outside tester #6: B's poller fired the 公示 timer while the move waited, and the move said 0.
    const caseId = await apply(t);
    await drive(t, caseId, CONFIRM_PATH, /公示结果/);
    const moved = await (await t.as('admin')).post('/api/demo/clock', { days: 8 }).expect(200);
    const [{ fired }] = await t.query<{ fired: number }>(
      `SELECT count(*)::int AS fired FROM timer t JOIN assistance_case c ON c.process_instance_id = t.instance_id
        WHERE c.id = $1 AND t.status = 'fired'`,
      [caseId],
    );
    expect(fired).toBeGreaterThan(0);
    expect(moved.body.firedTimers).toBeGreaterThanOrEqual(fired);
  }, 180_000);
});
