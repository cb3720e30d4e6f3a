import { TestApp } from './support/test-app';
import { apply, drive, CONFIRM_PATH } from './support/case-driver';

/** GET /api/health: database, timer poller, audit sealer backlog, documents waiting to be archived. */
let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
  // Judge the backlogs as with a 10-minute sweep, without any sweep firing during the test
  // (TestApp started the sweeps with TIMER_POLL_MS=0).
  process.env.TIMER_POLL_MS = '600000';
});
afterAll(async () => {
  process.env.TIMER_POLL_MS = '0';
  await t?.stop();
});

const health = () => t.http.get('/api/health');

describe('GET /api/health', () => {
  it('reports the audit sealer falling behind as degraded, not unavailable', async () => {
    const caseId = await apply(t);
    await drive(t, caseId, CONFIRM_PATH, /信息核对/);
    const fresh = await health().expect(200);
    expect(fresh.body).toMatchObject({ status: 'ok', database: 'ok', timerPoller: 'off' });
    expect(fresh.body.auditSealer).toMatchObject({ state: 'ok' });
    expect(fresh.body.auditSealer.waiting).toBeGreaterThan(0);
    expect(fresh.body.auditSealer.oldestAgeMs).toBeLessThan(60_000);
    expect(fresh.body.documentPipeline).toMatchObject({ state: 'ok', waiting: 0, oldestAt: null });

    t.clock.advance(2 * 3600_000); // two hours without a seal: 3 sweeps of 10 minutes missed
    const late = await health().expect(200);
    expect(late.body.status).toBe('degraded');
    expect(late.body.auditSealer.state).toBe('behind');
    expect(late.body.auditSealer.oldestAgeMs).toBeGreaterThan(2 * 3600_000 - 60_000);

    // Verification seals everything there is; the backlog is gone.
    await (await t.as('admin')).get('/api/integrity').expect(200);
    const sealed = await health().expect(200);
    expect(sealed.body.auditSealer.state).toBe('ok');
    expect(sealed.body.status).toBe('ok');
  });

  it('reports a document left unarchived and its age', async () => {
    const [doc] = await t.query<{ id: string; issued_at: Date }>(
      `SELECT id, issued_at FROM document ORDER BY seq LIMIT 1`,
    );
    // As a crash between commit and archive leaves it (behind the documents' guard trigger).
    const setStatus = async (status: string) => {
      await t.query(`ALTER TABLE document DISABLE TRIGGER USER`);
      try {
        await t.query(`UPDATE document SET status = $1 WHERE id = $2`, [status, doc.id]);
      } finally {
        await t.query(`ALTER TABLE document ENABLE TRIGGER USER`);
      }
    };
    await setStatus('pending');
    try {
      const res = await health().expect(200);
      expect(res.body.documentPipeline).toMatchObject({
        waiting: 1,
        oldestAt: new Date(doc.issued_at).toISOString(),
      });
      // Issued before the clock moved two hours: far more than three 10-minute sweeps ago.
      expect(res.body.documentPipeline.state).toBe('behind');
      expect(res.body.status).toBe('degraded');
    } finally {
      await setStatus('archived');
    }
    expect((await health().expect(200)).body.documentPipeline).toMatchObject({ state: 'ok', waiting: 0 });
  });

  it('is 503 when the database cannot answer', async () => {
    await t.query(`ALTER TABLE document RENAME TO document_away`);
    try {
      const res = await health().expect(503);
      expect(res.body).toMatchObject({ status: 'unavailable', database: 'down' });
    } finally {
      await t.query(`ALTER TABLE document_away RENAME TO document`);
    }
    expect((await health().expect(200)).body.database).toBe('ok');
  });
});
