import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestApp } from '../support/test-app';
import { compiledWorker } from '../support/compiled-worker';
import { CONFIRM_PATH, apply, drive } from '../support/case-driver';

/**
 * A backup taken by the running API (POST /api/backups, administrators): on PGlite the database is
 * not stopped for it — the dump runs in the API's own queue — and the file restores with
 * `npm run restore` like one from `npm run backup`.
 */
const POSTGRES = process.env.DATABASE_URL;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-online-backup-'));
let t: TestApp;
let caseId: string;

beforeAll(async () => {
  process.env.BACKUP_DIR = path.join(work, 'backups');
  t = await TestApp.start();
  caseId = await apply(t);
  await drive(t, caseId, CONFIRM_PATH, /入户调查/);
});
afterAll(async () => {
  delete process.env.BACKUP_DIR;
  await t?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('online backup', () => {
  it('is for administrators only', async () => {
    expect((await (await t.as('approver')).post('/api/backups')).status).toBe(403);
    expect((await (await t.as('auditor')).get('/api/backups')).status).toBe(403);
  });

  it('backs up while the API goes on serving, is listed and audited, and the file restores', async () => {
    const admin = await t.as('admin');
    const [cases, documents] = await Promise.all([
      t.query(`SELECT id FROM assistance_case`),
      t.query(`SELECT id FROM document`),
    ]);
    // A read in flight at the same time is served, not refused or lost.
    const [backup, read] = await Promise.all([
      admin.post('/api/backups'),
      (async () => (await t.as('approver')).get(`/api/cases/${caseId}`))(),
    ]);
    expect([backup.status, backup.body.message]).toEqual([201, undefined]);
    expect(read.status).toBe(200);
    expect(backup.body.counts).toMatchObject({ cases: cases.length, documents: documents.length });
    const file = path.join(work, 'backups', backup.body.name);
    expect(fs.existsSync(file)).toBe(true);
    const listed = await admin.get('/api/backups').expect(200);
    expect(listed.body).toMatchObject({
      directory: path.join(work, 'backups'),
      files: [{ name: backup.body.name, bytes: fs.statSync(file).size }],
    });
    const [entry] = await t.query(
      `SELECT detail FROM audit_entry WHERE action = 'backup.create' ORDER BY id DESC LIMIT 1`,
    );
    expect(entry.detail).toMatchObject({ file: backup.body.name, bytes: backup.body.bytes });
    // GNU tar reads it; it holds the database and every archived PDF.
    const listing = spawnSync('tar', ['tf', file], { encoding: 'utf8' }).stdout.split('\n');
    expect(listing).toContain(POSTGRES ? 'database/postgres.dump' : 'database/pglite.tar.gz');
    const hashes: { h: string }[] = await t.query(`SELECT trim(pdf_sha256) AS h FROM document`);
    for (const { h } of hashes) expect(listing).toContain(`archive/${h.slice(0, 2)}/${h.slice(2, 4)}/${h}`);
    // PostgreSQL's restore needs a fresh database (test/backup-restore.e2e-spec.ts does it); PGlite's is here.
    if (POSTGRES) return;
    const res = spawnSync(
      process.execPath,
      [...compiledWorker('scripts/restore.ts'), file, '--data-dir', path.join(work, 'restored')],
      {
        cwd: path.resolve(__dirname, '../..'),
        env: { ...process.env, NODE_OPTIONS: '', TIMER_POLL_MS: '0' },
        encoding: 'utf8',
        timeout: 90_000,
      },
    );
    expect(res.stderr).not.toContain('恢复失败');
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('完整性校验通过');
    expect(res.stdout).toContain(`数量与备份清单一致：案件 ${cases.length} 件`);
  });

  it('refuses a second backup while one runs', async () => {
    const admin = await t.as('admin');
    const [a, b] = await Promise.all([admin.post('/api/backups'), admin.post('/api/backups')]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect([a, b].find((r) => r.status === 409)!.body.message).toContain('正在进行');
  });
});
