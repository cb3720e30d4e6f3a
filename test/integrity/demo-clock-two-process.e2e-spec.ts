import { TestApp } from '../support/test-app';
import { APPLICATION, freshFamily } from '../support/case-driver';
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
    b = await ApiWorker.start('B', t.workerEnv(SYNC));
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
});
