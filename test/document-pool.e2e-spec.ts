import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DocumentPipeline,
  TemplateStore,
  createRenderPool,
  sampleRenderJob,
  warmRenderPool,
} from '@app/issuance';
import { statements } from './support/statements';
import { TestApp, pdfText, pdfsig } from './support/test-app';
import { CONFIRM_PATH, apply, drive, signAtWindow } from './support/case-driver';

/*
 * Steps do not wait for their PDFs (issue 19): documents render and sign in a pool thread after the
 * commit, the case shows each one's state, and a render that fails is retried, never lost.
 */
let t: TestApp;
beforeAll(async () => {
  // Set here, not when the file loads: a bundle loads every spec of its tier before any runs, and
  // the others read their documents right after each step.
  process.env.DOCUMENTS_INLINE = '0';
  process.env.DOCUMENT_WORKERS = '1';
  t = await TestApp.start();
});
afterAll(async () => {
  await t?.stop();
  delete process.env.DOCUMENTS_INLINE;
  delete process.env.DOCUMENT_WORKERS;
});

async function documentsOf(caseId: string) {
  const res = await (await t.as('approver')).get(`/api/cases/${caseId}`).expect(200);
  return res.body.documents as {
    id: string;
    number: string | null;
    status: string;
    pdfSha256: string | null;
  }[];
}

describe('documents rendered in the pool', () => {
  it('archives what the steps issued, signed in a pool thread, once each', async () => {
    const pipeline = t.app.get(DocumentPipeline);
    const caseId = await apply(t);
    const before = pipeline.threadRenders;
    await drive(t, caseId, CONFIRM_PATH); // waits for the background renders
    const docs = await documentsOf(caseId);
    expect(docs.length).toBeGreaterThan(1);
    expect(docs.map((d) => d.status)).toEqual(docs.map(() => 'archived'));
    expect(pipeline.threadRenders - before).toBeGreaterThan(0);
    const ledger = await t.query<{ document_id: string }>(
      `SELECT document_id FROM archive_ledger WHERE case_id = $1`,
      [caseId],
    );
    expect(ledger.map((l) => l.document_id).sort()).toEqual(docs.map((d) => d.id).sort());
    const numbered = docs.find((d) => d.number)!;
    const pdf = (await t.download('approver', `/api/documents/${numbered.id}/pdf`)).body as Buffer;
    expect(pdfText(pdf)).toContain(numbered.number!.replace(/\s+/g, ''));
    expect(pdfsig(pdf)).toMatch(/Signature is Valid/);
  });

  it('answers an application once it is committed, its documents still 生成中', async () => {
    const pipeline = t.app.get(DocumentPipeline);
    // Every render waits at a gate that opens only after the application was answered: a service
    // that waited for its documents would never answer.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const render = jest.spyOn(
      pipeline as unknown as { renderSigned: (d: unknown) => Promise<Buffer> },
      'renderSigned',
    );
    const original =
      render.getMockImplementation() ??
      (DocumentPipeline.prototype as unknown as { renderSigned: (d: unknown) => Promise<Buffer> })
        .renderSigned;
    render.mockImplementation(async function (this: unknown, doc: unknown) {
      await gate;
      return original.call(this, doc);
    });
    try {
      const caseId = await apply(t);
      const docs = await documentsOf(caseId);
      expect(docs.length).toBeGreaterThan(0);
      expect(docs.map((d) => d.status)).toEqual(docs.map(() => 'pending'));
      open();
      await t.documentsSettled();
      const after = await documentsOf(caseId);
      expect(after.map((d) => d.status)).toEqual(after.map(() => 'archived'));
    } finally {
      open();
      render.mockRestore();
    }
  }, 120_000);

  it('with DOCUMENTS_INLINE=on-read leaves the documents pending until one is read, then archives that one', async () => {
    const pipeline = t.app.get(DocumentPipeline);
    process.env.DOCUMENTS_INLINE = 'on-read';
    try {
      const before = pipeline.threadRenders;
      const caseId = await apply(t);
      await t.documentsSettled();
      const docs = await documentsOf(caseId);
      expect(docs.length).toBeGreaterThan(0);
      expect(docs.map((d) => d.status)).toEqual(docs.map(() => 'pending'));
      expect(pipeline.threadRenders).toBe(before);

      const [read] = docs;
      const pdf = await t.download('approver', `/api/documents/${read.id}/pdf`);
      expect(pdf.status).toBe(200);
      expect(pdfsig(pdf.body)).toMatch(/Signature is Valid/);
      const after = await documentsOf(caseId);
      expect(after.find((d) => d.id === read.id)?.status).toBe('archived');
      expect(after.filter((d) => d.id !== read.id).map((d) => d.status)).toEqual(
        after.filter((d) => d.id !== read.id).map(() => 'pending'),
      );
      const ledger = await t.query<{ document_id: string }>(
        `SELECT document_id FROM archive_ledger WHERE case_id = $1`,
        [caseId],
      );
      expect(ledger.map((l) => l.document_id)).toEqual([read.id]);
    } finally {
      process.env.DOCUMENTS_INLINE = '0';
    }
  });

  it('shows a failed render as failed, keeps the row, and archives it on the next sweep', async () => {
    const pipeline = t.app.get(DocumentPipeline);
    const caseId = await apply(t);
    // The members sign the 授权书 at the window first: their scan is stored in the archive too.
    await signAtWindow(t, caseId);
    // The blob store cannot be written: its directory is a file.
    const dir = path.join(t.dataDir, 'archive');
    fs.renameSync(dir, `${dir}.away`);
    fs.writeFileSync(dir, '');
    try {
      await drive(t, caseId, CONFIRM_PATH);
    } finally {
      fs.rmSync(dir);
      fs.renameSync(`${dir}.away`, dir);
    }
    const failed = (await documentsOf(caseId)).filter((d) => d.status !== 'archived');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.map((d) => d.status)).toEqual(failed.map(() => 'failed'));
    const rows = await t.query<{ status: string; attempts: number; error: string }>(
      `SELECT d.status, f.attempts, f.error FROM document d JOIN document_render_failure f ON f.document_id = d.id
        WHERE d.id = ANY($1::uuid[])`,
      [failed.map((d) => d.id)],
    );
    expect(rows).toHaveLength(failed.length);
    for (const row of rows) {
      expect(row.status).toBe('pending');
      expect(row.attempts).toBeGreaterThanOrEqual(1);
      expect(row.error).toMatch(/ENOTDIR|EEXIST|not a directory/i);
    }

    // The sweep (on start and with every timer poll) renders them again.
    const sql = await statements(t, () => pipeline.archivePending());
    // Each flips to archived and drops its failure in one statement, not a second one.
    expect(sql.filter((q) => /^UPDATE ("\w+"\.)?"?document"? SET/.test(q))).toEqual([]);
    expect(sql.filter((q) => /^DELETE FROM ("\w+"\.)?"?document_render_failure"?/.test(q))).toEqual([]);
    const after = await documentsOf(caseId);
    for (const d of failed) expect(after.find((a) => a.id === d.id)!.status).toBe('archived');
    const ledger = await t.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM archive_ledger WHERE document_id = ANY($1::uuid[])`,
      [failed.map((d) => d.id)],
    );
    expect(ledger[0].n).toBe(failed.length);
    const left = await t.query(`SELECT 1 FROM document_render_failure WHERE document_id = ANY($1::uuid[])`, [
      failed.map((d) => d.id),
    ]);
    expect(left).toHaveLength(0);
  });

  it('warms every thread of a two-thread pool before it is used, and hands the signed bytes over whole', async () => {
    const template = t.app.get(TemplateStore).file('confirmation-notice');
    const pool = createRenderPool(2);
    try {
      const job = (i: number) =>
        sampleRenderJob(template, i, (code) => `http://localhost/verify/${code}`, { dataDir: t.dataDir });
      // Several renders each: a thread's first documents run unoptimised code (V8 compiles per thread),
      // so one warm-up render leaves the next few documents paying for the compiler.
      const warmed = await warmRenderPool(pool, job, 3);
      expect(warmed.size).toBe(2);
      expect([...warmed.values()].every((renders) => renders >= 3)).toBe(true);
      // A signed document: the bytes arrive as a view of a buffer of their own (moved, not cloned from a shared slab).
      const organ = (await t.query<{ name: string }>(`SELECT name FROM organ LIMIT 1`))[0].name;
      const signed = (await pool.run({ ...job(99), organ, reason: '测试' })) as Uint8Array;
      expect(signed.byteOffset).toBe(0);
      expect(signed.byteLength).toBe(signed.buffer.byteLength);
      expect(pdfsig(Buffer.from(signed))).toMatch(/Signature is Valid/);
    } finally {
      await pool.destroy();
    }
  });
});
