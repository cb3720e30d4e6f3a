import { AuthService } from '@app/auth';
import { DEMO_PASSWORD } from '../apps/api/src/demo/reference-data';
import { sessionRepository } from '../libs/auth/src/session.repository';
import { TestApp } from './support/test-app';

/**
 * A session's last use is written at most once a minute: requests of one session that
 * authenticate together when the write is due write it once, not once each (each was a write
 * transaction queued on the same row and waiting for its own commit: issue 19).
 */
let t: TestApp;

beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => {
  await t?.stop();
});

/** How often the session row is written while `work` runs. */
async function touches(work: () => PromiseLike<unknown>): Promise<number> {
  const spy = jest.spyOn(sessionRepository, 'touch');
  try {
    await work();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

describe('session touch', () => {
  it('is written once for requests of one session arriving together, and the session stays in use', async () => {
    const res = await t.http
      .post('/api/auth/login')
      .send({ username: 'clerk', password: DEMO_PASSWORD })
      .expect(200);
    const token = res.body.token as string;
    const auth = t.app.get(AuthService);
    t.clock.advance(2 * 60_000);
    // Four requests' authentications begun together: each reads the session before any writes it.
    expect(await touches(() => Promise.all(Array.from({ length: 4 }, () => auth.authenticate(token))))).toBe(
      1,
    );
    const [{ seen }] = await t.query<{ seen: Date }>(
      `SELECT max(last_seen_at) AS seen FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE u.username = 'clerk'`,
    );
    expect(new Date(seen).getTime()).toBeGreaterThanOrEqual(t.clock.now().getTime() - 60_000);
    // Within the minute after it, nothing more is written, and the session still signs the clerk in.
    expect(
      await touches(() => t.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200)),
    ).toBe(0);
  });
});
