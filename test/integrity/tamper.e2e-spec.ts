import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestApp } from '../support/test-app';
import { CONFIRM_PATH, apply, drive } from '../support/case-driver';
import { compiledWorker } from '../support/compiled-worker';
import { JPEG } from '../support/sample-files';

/**
 * One byte changed in an archived PDF, in an attachment file, or in an archive_ledger row behind the append-only trigger
 * (as a database superuser could), is found by both checks an operator has: GET /api/integrity on
 * the running API and `npm run verify` (scripts/verify-integrity.ts) on the database; putting the
 * byte back makes the endpoint pass again, so it is not stuck on "failed".
 */
let t: TestApp;
let caseId: string;
const ROOT = path.resolve(__dirname, '../..');
const VERIFY = compiledWorker('scripts/verify-integrity.ts');

beforeAll(async () => {
  t = await TestApp.start();
  caseId = await apply(t);
  await drive(t, caseId, CONFIRM_PATH, /入户调查/); // 授权书, 受理通知书, 协查函: numbered and archived
});
afterAll(async () => {
  await t?.stop();
});

const integrity = async () => (await (await t.as('admin')).get('/api/integrity').expect(200)).body;

/** `npm run verify` on the test's database; on PGlite the API is stopped meanwhile (one process's database). */
function npmRunVerify(): Promise<{ code: number; out: string }> {
  const run = () =>
    new Promise<{ code: number; out: string }>((resolve) => {
      execFile(
        process.execPath,
        VERIFY,
        { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' }, timeout: 120_000 },
        (err, stdout, stderr) =>
          resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
      );
    });
  return process.env.DATABASE_URL ? run() : t.offline(run);
}

async function archivedDocument() {
  const [doc] = await t.query<{ id: string; number: string; pdf_sha256: string; seq: string }>(
    `SELECT d.id, d.number, d.pdf_sha256, l.seq FROM document d JOIN archive_ledger l ON l.document_id = d.id
      WHERE d.template_id = 'acceptance-notice' AND d.status = 'archived'`,
  );
  expect(doc).toBeDefined();
  return doc;
}

/** As a superuser would: with the table's append-only trigger switched off for one statement. */
async function behindTheTrigger(sql: string, params: unknown[]) {
  await t.db.transaction(async (em) => {
    await em.query(`ALTER TABLE archive_ledger DISABLE TRIGGER archive_ledger_append_only`);
    await em.query(sql, params);
    await em.query(`ALTER TABLE archive_ledger ENABLE TRIGGER archive_ledger_append_only`);
  });
}

describe('tampering with the archive is detected', () => {
  it('a clean archive passes both checks', async () => {
    const body = await integrity();
    expect(body.archive).toMatchObject({ ok: true });
    expect(body.archive.entries).toBeGreaterThanOrEqual(3);
    expect(body.archive.blobs).toBe(body.archive.entries);
    const verify = await npmRunVerify();
    expect(verify.out).toContain('完整性校验通过');
    expect(verify.code).toBe(0);
  });

  it('one byte changed in an archived PDF', async () => {
    const doc = await archivedDocument();
    const h = doc.pdf_sha256.trim();
    const file = path.join(t.dataDir, 'archive', h.slice(0, 2), h.slice(2, 4), h);
    const original = fs.readFileSync(file);
    const changed = Buffer.from(original);
    const at = Math.floor(changed.length / 3);
    changed[at] = changed[at] === 0x20 ? 0x21 : 0x20; // one byte, in the page content
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(file, changed);
    try {
      const body = await integrity();
      expect(body.ok).toBe(false);
      expect(body.archive).toMatchObject({ ok: false, documentId: doc.id });
      expect(String(body.archive.firstBadSeq)).toBe(String(doc.seq)); // bigint: a string on pg, a number on PGlite
      expect(body.archive.problem).toContain('内容已被改动');
      const verify = await npmRunVerify();
      expect(verify.code).toBe(1);
      expect(verify.out).toContain('内容已被改动');
      expect(verify.out).toContain(h);
    } finally {
      fs.writeFileSync(file, original);
      fs.chmodSync(file, 0o444);
    }
    expect((await integrity()).archive).toMatchObject({ ok: true });
  });

  it('one byte changed in an archive_ledger row behind the append-only trigger', async () => {
    const doc = await archivedDocument();
    // The trigger refuses the change as long as it is on.
    await expect(
      t.db.transaction((em) =>
        em.query(`UPDATE archive_ledger SET number = number WHERE seq = $1`, [doc.seq]),
      ),
    ).rejects.toThrow(/append-only/);
    // 〔2026〕1号 → 〔2026〕7号: one character of the 文号 recorded in the ledger.
    const forged = doc.number.replace(/1号$/, '7号');
    expect(forged).not.toBe(doc.number);
    await behindTheTrigger(`UPDATE archive_ledger SET number = $1 WHERE seq = $2`, [forged, doc.seq]);
    try {
      const body = await integrity();
      expect(body.ok).toBe(false);
      expect(body.archive).toMatchObject({ ok: false });
      expect(String(body.archive.firstBadSeq)).toBe(String(doc.seq));
      expect(body.archive.problem).toContain('哈希');
      const verify = await npmRunVerify();
      expect(verify.code).toBe(1);
      expect(verify.out).toContain(`归档：第 ${doc.seq} 条`);
    } finally {
      await behindTheTrigger(`UPDATE archive_ledger SET number = $1 WHERE seq = $2`, [doc.number, doc.seq]);
    }
    expect((await integrity()).archive).toMatchObject({ ok: true });
  });

  it('a document row pointed at another PDF, or its frozen data changed, no longer matches the ledger', async () => {
    const doc = await archivedDocument();
    const [other] = await t.query(
      `SELECT pdf_sha256 FROM document WHERE status = 'archived' AND id <> $1 LIMIT 1`,
      [doc.id],
    );
    const guarded = async (sql: string, params: unknown[]) =>
      t.db.transaction(async (em) => {
        await em.query(`ALTER TABLE document DISABLE TRIGGER USER`);
        await em.query(sql, params);
        await em.query(`ALTER TABLE document ENABLE TRIGGER USER`);
      });
    await guarded(`UPDATE document SET pdf_sha256 = $1 WHERE id = $2`, [other.pdf_sha256, doc.id]);
    let body = await integrity();
    expect(body.archive).toMatchObject({ ok: false, documentId: doc.id });
    expect(body.archive.problem).toContain('与归档台账不符');
    await guarded(`UPDATE document SET pdf_sha256 = $1 WHERE id = $2`, [doc.pdf_sha256, doc.id]);
    const [{ data }] = await t.query(`SELECT data FROM document WHERE id = $1`, [doc.id]);
    await guarded(
      `UPDATE document SET data = jsonb_set(data, '{applicant,name}', '"王建图"') WHERE id = $1`,
      [doc.id],
    );
    body = await integrity();
    expect(body.archive).toMatchObject({ ok: false, documentId: doc.id });
    expect(body.archive.problem).toContain('冻结数据');
    const verify = await npmRunVerify(); // the command runs the same archive check
    expect(verify.code).toBe(1);
    expect(verify.out).toContain('冻结数据');
    await guarded(`UPDATE document SET data = $1 WHERE id = $2`, [data, doc.id]);
    expect((await integrity()).archive).toMatchObject({ ok: true });
  });

  it('one byte changed in an attachment file (a scanned 户口簿)', async () => {
    const upload = await t.http
      .post(`/api/cases/${caseId}/attachments?kind=scan&fileName=${encodeURIComponent('户口簿.jpg')}`)
      .set('Authorization', `Bearer ${await t.token('investigator')}`)
      .set('Content-Type', 'image/jpeg')
      .send(JPEG)
      .expect(201);
    expect(await integrity()).toMatchObject({ ok: true, attachments: { ok: true } });
    const h: string = upload.body.sha256;
    const file = path.join(t.dataDir, 'archive', h.slice(0, 2), h.slice(2, 4), h);
    const original = fs.readFileSync(file);
    const changed = Buffer.from(original);
    changed[changed.length - 3] ^= 0x01;
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(file, changed);
    try {
      const body = await integrity();
      expect(body.ok).toBe(false);
      expect(body.archive).toMatchObject({ ok: true });
      expect(body.attachments).toMatchObject({ ok: false, corrupted: [h] });
      const verify = await npmRunVerify();
      expect(verify.code).toBe(1);
      expect(verify.out).toContain(`附件文件内容被改动 1 个（如 ${h}）`);
    } finally {
      fs.writeFileSync(file, original);
      fs.chmodSync(file, 0o444);
    }
    expect(await integrity()).toMatchObject({
      ok: true,
      attachments: { ok: true, missing: [], corrupted: [] },
    });
  });
});
