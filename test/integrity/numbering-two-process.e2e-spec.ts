import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { CaseStarter } from '@app/cases';
import { ProcessRuntime } from '@app/workflow';
import { TestApp, pdfText } from '../support/test-app';
import { withCheckDigit } from '@app/assistance';
import { APPLICATION } from '../support/case-driver';
import { ApiWorker, modelOnlyDirs } from '../support/api-workers';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/reference-data';

/**
 * Integrity under concurrency (issue 7, item 5, proof 2): 1,000 受理通知书 issued at once through two
 * API processes on one database. Each issuance is a real step (POST /api/tasks/:id/complete of a
 * 受理审查, whose model then runs `document.issue` and takes the next 文号 of the township's
 * 民受 sequence for the year inside the step's transaction), half sent to each process, all in
 * flight together. The numbers must come out exactly 1..1000: no gap, no duplicate.
 *
 * The model is test/fixtures/models/acceptance-only.bpmn: the 受理 step of the 低保 model with the
 * same form and template, but without the 核对授权书 at application and the 协查函 at acceptance,
 * so each step renders one PDF instead of three and 1,000 fit in the test's time. The cases are
 * started directly through CaseStarter in the test process (setup); the issuances go over HTTP.
 *
 * The processes run with DOCUMENTS_INLINE=on-read: each step still writes its notice's row with its
 * 文号 and frozen data in the step's transaction (what this proof is about), but renders, signs and
 * archives it when it is first read, not right after the step. A sample of SAMPLE notices, spread
 * over the range, is then read through both processes, two at a time, one through each: each PDF carries the 文号 its row
 * has, and both processes append to one ledger chain that the integrity check re-hashes. (Rendering,
 * signing and archiving inline after a real step are proven by the lifecycle specs and by
 * parallel-completion and sigkill here; this proof no longer renders a thousand PDFs no one reads.)
 *
 * PostgreSQL only: PGlite is an in-process database that a second OS process cannot open, so two
 * API processes can share nothing without PostgreSQL (as in timers-two-process.e2e-spec.ts).
 */
const describeWithPostgres = process.env.DATABASE_URL ? describe : describe.skip;
const ISSUES = Number(process.env.INTEGRITY_ISSUES ?? 1000);
const SAMPLE = Math.min(ISSUES, 40);

describeWithPostgres('文号 across two API processes', () => {
  let t: TestApp;
  const { processesDir, templatesDir } = modelOnlyDirs([
    path.join(__dirname, '../fixtures/models/acceptance-only.bpmn'),
  ]);
  const workers: ApiWorker[] = [];

  beforeAll(async () => {
    process.env.PROCESSES_DIR = processesDir;
    t = await TestApp.start();
  }, 120_000);

  afterAll(async () => {
    for (const w of workers) await w.kill();
    delete process.env.PROCESSES_DIR;
    await t?.stop();
  }, 120_000);

  it(`${ISSUES} concurrent issuances through two processes are numbered 1..${ISSUES}`, async () => {
    const started = Date.now();
    const env = t.workerEnv({
      PROCESSES_DIR: processesDir,
      TEMPLATES_DIR: templatesDir,
      DOCUMENTS_INLINE: 'on-read',
    });
    // Both processes boot while the cases are seeded.
    const booting = Promise.all(
      ['A', 'B'].map((name) =>
        ApiWorker.start(name, env).then((w) => {
          workers.push(w);
          return w;
        }),
      ),
    );

    const starter = t.app.get(CaseStarter);
    const runtime = t.app.get(ProcessRuntime);
    const [clerk] = await t.query<{ id: string }>(`SELECT id FROM app_user WHERE username = 'clerk'`);
    // One household per case: the same person is not accepted twice while a case of theirs is open.
    let seededCount = 0;
    const seedOne = () => {
      const born = new Date(Date.UTC(1950, 0, 1) + seededCount++ * 86_400_000).toISOString().slice(0, 10);
      const idNumber = withCheckDigit(`410799${born.replace(/-/g, '')}012`);
      return runtime.transaction((em) =>
        starter.start(em, {
          kind: 'application',
          // Not 'dibao': a 受理-only model is not a lawful 低保 application (no 调查, 公示 or 审核确认)
          // and the deploy rules refuse it under that program.
          program: 'integrity',
          regionCode: APPLICATION.regionCode,
          applicant: { ...APPLICATION.applicant, idNumber },
          household: [{ ...APPLICATION.members[0], idNumber }],
          nearRelative: false,
          actorId: clerk.id,
        }),
      );
    };
    for (let i = 0; i < ISSUES; i += 10)
      await Promise.all(Array.from({ length: Math.min(10, ISSUES - i) }, seedOne));
    const tasks = await t.query<{ id: string; version: number }>(
      `SELECT t.id, i.version FROM task t JOIN process_instance i ON i.id = t.instance_id
        WHERE t.element_id = 'Task_AcceptanceReview' AND t.status = 'open'`,
    );
    expect(tasks).toHaveLength(ISSUES);
    const [a, b] = await booting;
    const seeded = Date.now();

    const login = await a.call<{ token: string }>('POST', '/api/auth/login', null, {
      username: 'clerk',
      password: DEMO_PASSWORD,
    });
    const token = login.body.token;
    // Every issuance in flight at once, alternating between the two processes.
    const responses = await Promise.all(
      tasks.map((task, i) =>
        (i % 2 ? b : a)
          .call<{ caseId: string }>(
            'POST',
            `/api/tasks/${task.id}/complete`,
            token,
            { data: { decision: 'accept' }, expectedVersion: task.version },
            { 'Idempotency-Key': randomUUID() },
          )
          .then((r) => ({ ...r, via: i % 2 ? 'B' : 'A' })),
      ),
    );
    const issued = Date.now();
    expect(responses.filter((r) => r.status !== 200).map((r) => [r.status, r.body])).toEqual([]);

    const docs = await t.query<{ case_id: string; number: string; status: string }>(
      `SELECT case_id, number, status FROM document WHERE template_id = 'acceptance-notice'`,
    );
    expect(docs).toHaveLength(ISSUES);
    const seqOf = (n: string) => Number(/民受〔(\d{4})〕(\d+)号$/.exec(n)![2]);
    const seqs = docs.map((d) => seqOf(d.number)).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: ISSUES }, (_, i) => i + 1));
    expect(new Set(docs.map((d) => d.number)).size).toBe(ISSUES);
    const counters = await t.query(`SELECT scope, value FROM counter WHERE scope LIKE 'doc:%'`);
    expect(counters).toEqual([{ scope: `doc:${APPLICATION.regionCode.slice(0, 9)}:民受`, value: ISSUES }]);

    // The two processes really interleaved on the sequence: each took numbers spread over it.
    const byCase = new Map(docs.map((d) => [d.case_id, seqOf(d.number)]));
    for (const via of ['A', 'B']) {
      const mine = responses.filter((r) => r.via === via).map((r) => byCase.get(r.body.caseId)!);
      expect(mine).toHaveLength(ISSUES / 2);
      expect(Math.min(...mine)).toBeLessThanOrEqual(ISSUES * 0.1);
      expect(Math.max(...mine)).toBeGreaterThanOrEqual(ISSUES * 0.9);
    }
    // Nothing rendered yet: the steps only froze the notices (on-read).
    expect(docs.filter((d) => d.status !== 'pending')).toEqual([]);
    // A sample spread over the whole range, read through both processes at once: each renders,
    // signs and archives its share, and each PDF carries the 文号 its row was given in the step.
    const byNumber = await t.query<{ id: string; number: string }>(
      `SELECT id, number FROM document WHERE template_id = 'acceptance-notice'`,
    );
    byNumber.sort((x, y) => seqOf(x.number) - seqOf(y.number));
    const sample = Array.from({ length: SAMPLE }, (_, i) => byNumber[Math.floor((i * ISSUES) / SAMPLE)]);
    // Two at a time, one through each process: both append to the ledger at once, and a loaded
    // machine does not queue forty renders behind one another.
    const pdfs: { status: number; body: string; d: { id: string; number: string } }[] = [];
    for (let i = 0; i < sample.length; i += 2)
      pdfs.push(
        ...(await Promise.all(
          sample
            .slice(i, i + 2)
            .map((d, j) =>
              (j ? b : a).call<string>('GET', `/api/documents/${d.id}/pdf`, token).then((r) => ({ ...r, d })),
            ),
        )),
      );
    expect(pdfs.filter((r) => r.status !== 200).map((r) => [r.status, r.body])).toEqual([]);
    const [archived] = await t.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM document WHERE template_id = 'acceptance-notice' AND status = 'archived'`,
    );
    expect(archived.n).toBe(SAMPLE);
    for (const { d } of pdfs) {
      const pdf = await t.download('clerk', `/api/documents/${d.id}/pdf`);
      expect(pdf.status).toBe(200);
      expect(pdfText(pdf.body)).toContain(d.number.replace(/\s+/g, ''));
    }
    // Both processes appended to one ledger chain; the integrity check re-hashes it and every blob.
    const integrity = (await (await t.as('admin')).get('/api/integrity').expect(200)).body;
    expect(integrity.archive).toMatchObject({ ok: true, entries: SAMPLE, blobs: SAMPLE });
    console.log(
      `文号 across two processes: ${ISSUES} issuances in ${((issued - seeded) / 1000).toFixed(1)} s ` +
        `(setup ${((seeded - started) / 1000).toFixed(1)} s)`,
    );
  }, 900_000);
});
