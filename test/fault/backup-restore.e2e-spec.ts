import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { Client } from 'pg';
import { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../../apps/api/src/create-app';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/reference-data';
import { TestApp } from '../support/test-app';
import { ownDevelopmentSeals } from '../support/pglite-template';
import { apply, drive, CONFIRM_PATH } from '../support/case-driver';
import { JPEG } from '../support/sample-files';
import { compiledWorker } from '../support/compiled-worker';

/**
 * `npm run backup` / `npm run restore` as an operator runs them: child processes on a stopped API's
 * data (PGlite) or on a running one's database (PostgreSQL, pg_dump on one snapshot), restored into
 * a new place and booted again.
 */
const POSTGRES = process.env.DATABASE_URL;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-backup-test-'));
const backupFile = path.join(work, 'jiuzhu.backup');
const restoredDir = path.join(work, 'restored');

const SCRIPTS = {
  backup: 'scripts/backup.ts',
  restore: 'scripts/restore.ts',
  verify: 'scripts/verify-integrity.ts',
};

/**
 * Runs a command as a child process: through `npm run` as an operator types it, or (faster, for the
 * refusals and checks) straight through node on the sources transpiled once, by the same per-file
 * transform as the npm scripts' ts-node (test/support/compiled-worker.ts).
 */
function npm(
  script: keyof typeof SCRIPTS,
  args: string[],
  env: Record<string, string | undefined>,
  via: 'npm' | 'node' = 'node',
) {
  const started = Date.now();
  const [command, argv] =
    via === 'npm'
      ? ['npm', ['run', '-s', script, '--', ...args]]
      : [process.execPath, [...compiledWorker(SCRIPTS[script]), ...args]];
  const res = spawnSync(command, argv as string[], {
    cwd: path.resolve(__dirname, '../..'),
    env: { ...process.env, TIMER_POLL_MS: '0', NODE_OPTIONS: '', ...env } as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr, ms: Date.now() - started };
}

let t: TestApp;
let caseId: string;
let schema: string | undefined;
let restoreUrl: string | undefined;
const before: {
  cases?: unknown[];
  documents?: { id: string; verifyCode: string; status: string; pdf_sha256: string }[];
  audit?: unknown[];
  pdfs: Map<string, Buffer>;
  attachment?: { id: string; bytes: Buffer };
} = { pdfs: new Map() };

const snapshot = (q: (sql: string) => Promise<unknown[]>) =>
  Promise.all([
    q(`SELECT id, case_no, status, updated_at FROM assistance_case ORDER BY id`),
    q(`SELECT id, number, status, pdf_sha256, verify_code AS "verifyCode" FROM document ORDER BY id`),
    q(`SELECT id, at, actor_id, action, case_id, detail FROM audit_entry ORDER BY id`),
  ]);

beforeAll(async () => {
  t = await TestApp.start();
  caseId = await apply(t);
  await drive(t, caseId, CONFIRM_PATH, /入户调查/);
  const upload = await t.http
    .post(`/api/cases/${caseId}/attachments`)
    .query({
      kind: 'home_visit_photo',
      fileName: '堂屋.jpg',
      takenAt: '2026-11-20T10:30:00+08:00',
      place: '平安县城关镇东关村3组12号',
      note: '备份测试',
    })
    .set('Authorization', `Bearer ${await t.token('investigator')}`)
    .set('Content-Type', 'image/jpeg')
    .send(JPEG);
  expect([upload.status, upload.body.message]).toEqual([201, undefined]);
  before.attachment = { id: upload.body.id, bytes: JPEG };
  const documents = await t.query<{ id: string }>(`SELECT id FROM document ORDER BY id`);
  for (const doc of documents) {
    const pdf = await t.download('approver', `/api/documents/${doc.id}/pdf`);
    expect(pdf.status).toBe(200);
    before.pdfs.set(doc.id, pdf.body);
  }
  // Seals the audit record, so the backup holds a whole chain.
  expect((await (await t.as('admin')).get('/api/integrity').expect(200)).body.ok).toBe(true);
  // The organs' seals are this data directory's own, as in production (tests share them by a link).
  ownDevelopmentSeals(t.dataDir);
  const [cases, docs, audit] = await snapshot((sql) => t.query(sql));
  Object.assign(before, { cases, documents: docs, audit });
  schema = process.env.DATABASE_SCHEMA;
});

afterAll(async () => {
  if (POSTGRES && schema) {
    const c = new Client({ connectionString: POSTGRES });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    if (restoreUrl) await c.query(`DROP DATABASE IF EXISTS "${new URL(restoreUrl).pathname.slice(1)}"`);
    await c.end();
  }
  await t?.app.close().catch(() => undefined);
  fs.rmSync(work, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('has issued and archived documents to back up', () => {
    expect(before.documents!.length).toBeGreaterThanOrEqual(2);
    expect(before.documents!.every((d) => d.status === 'archived')).toBe(true);
  });

  (POSTGRES ? it.skip : it)('refuses a PGlite backup while the API holds the data directory', () => {
    const res = npm('backup', [backupFile], { DATA_DIR: t.dataDir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('无法取得一致的备份');
    expect(res.stderr).toContain(`正被进程 ${process.pid}`);
    expect(fs.existsSync(backupFile)).toBe(false);
  });

  it('writes one backup file with a manifest of every part', async () => {
    // PGlite is backed up with the API stopped; PostgreSQL while it runs (pg_dump reads a snapshot).
    if (!POSTGRES) await t.app.close();
    const res = npm('backup', [backupFile], { DATA_DIR: t.dataDir }, 'npm');
    expect(res.stderr).not.toContain('备份失败');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`案件 ${before.cases!.length} 件，文书 ${before.documents!.length} 份`);
    expect(res.stdout).toContain(`审计记录 ${before.audit!.length} 条`);
    expect(res.stderr).toMatch(/已复制 \d+\/\d+ 个文件/);
    const size = fs.statSync(backupFile).size;
    console.log(`backup: ${(size / 1024 / 1024).toFixed(1)} MB in ${res.ms} ms`);
    // GNU tar reads it, and it holds the database, every PDF, the attachment and the seal.
    const listing = spawnSync('tar', ['tf', backupFile], { encoding: 'utf8' }).stdout.split('\n');
    expect(listing).toContain(POSTGRES ? 'database/postgres.dump' : 'database/pglite.tar.gz');
    expect(listing).toContain('manifest.json');
    expect(listing.some((name) => name.startsWith('keys/'))).toBe(true);
    for (const doc of before.documents!) {
      const hash = doc.pdf_sha256.trim();
      expect(listing).toContain(`archive/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`);
    }
  });

  it('restores into a new place, verifies, and refuses to overwrite it', async () => {
    const env: Record<string, string | undefined> = {};
    if (POSTGRES) {
      const c = new Client({ connectionString: POSTGRES });
      await c.connect();
      const db = `restore_${process.pid}_${Date.now()}`;
      await c.query(`CREATE DATABASE "${db}"`);
      await c.end();
      const url = new URL(POSTGRES);
      url.pathname = `/${db}`;
      restoreUrl = url.toString();
      Object.assign(env, { DATABASE_URL: restoreUrl, DATABASE_SCHEMA: schema });
    }
    const res = npm('restore', [backupFile, '--data-dir', restoredDir], env, 'npm');
    expect(res.stderr).not.toContain('恢复失败');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('完整性校验通过');
    expect(res.stdout).toContain(`数量与备份清单一致：案件 ${before.cases!.length} 件`);
    console.log(`restore: ${res.ms} ms`);

    const again = npm('restore', [backupFile, '--data-dir', restoredDir], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/不为空.*--force/);
  });

  it('boots on the restored data with the same rows, byte-identical documents and a clean integrity check', async () => {
    if (POSTGRES) {
      await t.app.close();
      process.env.DATABASE_URL = restoreUrl;
    }
    process.env.DATA_DIR = restoredDir;
    let app: NestExpressApplication | undefined;
    try {
      app = await createApp({ logger: false });
      const http = () => request(app!.getHttpServer());
      const token = async (username: string) =>
        (await http().post('/api/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200)).body
          .token;
      const { Database } = await import('@app/persistence');
      const db = app.get(Database);
      const [cases, documents, audit] = await snapshot((sql) => db.read((em) => em.query(sql)));
      expect(cases).toEqual(before.cases);
      expect(documents).toEqual(before.documents);
      // Signing in writes new entries; every entry the backup held is there unchanged.
      expect(audit.slice(0, before.audit!.length)).toEqual(before.audit);

      const approver = await token('approver');
      for (const doc of before.documents!) {
        const pdf = await http()
          .get(`/api/documents/${doc.id}/pdf`)
          .set('Authorization', `Bearer ${approver}`)
          .buffer(true)
          .parse((r, done) => {
            const chunks: Buffer[] = [];
            r.on('data', (c: Buffer) => chunks.push(c));
            r.on('end', () => done(null, Buffer.concat(chunks)));
          })
          .expect(200);
        expect(Buffer.compare(pdf.body as Buffer, before.pdfs.get(doc.id)!)).toBe(0);
        const verified = await http().get(`/api/verify/${doc.verifyCode}`).expect(200);
        expect(verified.body.genuine).toBe(true);
      }
      const attachment = await http()
        .get(`/api/attachments/${before.attachment!.id}/content`)
        .set('Authorization', `Bearer ${approver}`)
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(Buffer.compare(attachment.body as Buffer, before.attachment!.bytes)).toBe(0);

      const integrity = await http()
        .get('/api/integrity')
        .set('Authorization', `Bearer ${await token('admin')}`);
      expect(integrity.status).toBe(200);
      expect(integrity.body).toMatchObject({ ok: true, audit: { ok: true }, archive: { ok: true } });
      expect(integrity.body.archive.entries).toBe(before.documents!.length);
    } finally {
      await app?.close();
      if (POSTGRES) process.env.DATABASE_URL = POSTGRES;
    }
  });

  it('npm run verify on the restored data finds an archived file changed after the restore', () => {
    const env = POSTGRES ? { DATABASE_URL: restoreUrl, DATABASE_SCHEMA: schema } : {};
    const hash = before.documents![0].pdf_sha256.trim();
    const file = path.join(restoredDir, 'archive', hash.slice(0, 2), hash.slice(2, 4), hash);
    // (The restore above ran the same check clean.)
    const bytes = fs.readFileSync(file);
    bytes[bytes.length >> 1] ^= 0x01;
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(file, bytes);
    const res = npm('verify', [], { ...env, DATA_DIR: restoredDir });
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(`归档 PDF（${hash}）内容已被改动`);
  });

  it('refuses a backup with one byte flipped, naming the damaged part', () => {
    const bytes = fs.readFileSync(backupFile);
    const damaged = (name: string, at: number) => {
      const copy = Buffer.from(bytes);
      copy[at] ^= 0x01;
      const file = path.join(work, name);
      fs.writeFileSync(file, copy);
      return file;
    };
    // Inside one archived PDF: find its bytes in the backup, flip one in the middle.
    const [docId, pdf] = [...before.pdfs.entries()][0];
    const at = bytes.indexOf(pdf);
    expect(at).toBeGreaterThan(0);
    const hash = before.documents!.find((d) => d.id === docId)!.pdf_sha256.trim();
    const target = path.join(work, 'target-blob');
    const blob = npm(
      'restore',
      [damaged('blob.backup', at + Math.floor(pdf.length / 2)), '--data-dir', target],
      {},
    );
    expect(blob.code).toBe(2);
    expect(blob.stderr).toContain(
      `归档文件 archive/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash} 的 sha256 与清单不符`,
    );
    expect(fs.existsSync(path.join(target, 'pg'))).toBe(false);

    // Inside the database dump, the first part (right after its 512-byte header).
    const db = npm(
      'restore',
      [damaged('db.backup', 512 + 1000), '--data-dir', path.join(work, 'target-db')],
      {},
    );
    expect(db.code).toBe(2);
    expect(db.stderr).toMatch(/数据库 database\/(pglite\.tar\.gz|postgres\.dump) 的 sha256 与清单不符/);
  });
});
