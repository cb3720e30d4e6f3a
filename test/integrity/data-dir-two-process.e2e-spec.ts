import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestApp } from '../support/test-app';
import { CONFIRM_PATH, apply, drive } from '../support/case-driver';
import { ApiWorker } from '../support/api-workers';

/**
 * API processes on one PostgreSQL database must share one DATA_DIR (outside tester #1): a process
 * started on a DATA_DIR of its own archived notices the others could not serve (their PDFs
 * answered 500) and made a development seal of its own. Nothing detected it. Now the database
 * names its deployment and DATA_DIR's deployment.json must name the same: a fresh directory beside
 * a database with archived documents is refused at start, naming DATA_DIR and what to do.
 *
 * PostgreSQL only: PGlite keeps its database inside DATA_DIR, so the two always match.
 */
const describeWithPostgres = process.env.DATABASE_URL ? describe : describe.skip;

describeWithPostgres('DATA_DIR and the database of a deployment', () => {
  let t: TestApp;
  const workers: ApiWorker[] = [];
  const dirs: string[] = [];

  beforeAll(async () => {
    t = await TestApp.start();
    // A notice archived in this deployment's DATA_DIR (the 受理通知书).
    await drive(t, await apply(t), CONFIRM_PATH, /入户调查/);
    const [{ n }] = await t.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM document WHERE status = 'archived'`,
    );
    expect(n).toBeGreaterThan(0);
  }, 180_000);

  afterAll(async () => {
    for (const w of workers) await w.kill();
    await t?.stop();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }, 120_000);

  it('binds the DATA_DIR a new database started on to it', () => {
    const marker = JSON.parse(fs.readFileSync(path.join(t.dataDir, 'deployment.json'), 'utf8'));
    expect(typeof marker.deploymentId).toBe('string');
  });

  it('starts a second process on the same DATA_DIR', async () => {
    const b = await ApiWorker.start('B', t.workerEnv());
    workers.push(b);
    expect((await b.call('GET', '/api/health', null)).status).toBe(200);
  }, 120_000);

  it('refuses a fresh DATA_DIR beside a database with archived documents, naming DATA_DIR and what to do', async () => {
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'data-dir-fresh-'));
    dirs.push(fresh);
    const c = new ApiWorker('C', t.workerEnv({ DATA_DIR: fresh }));
    workers.push(c);
    await expect(c.ready()).rejects.toThrow(
      /DATA_DIR（.*data-dir-fresh-.*）不是本数据库的数据目录.*请将 DATA_DIR 指向其他进程使用的目录/s,
    );
    // Refused before it made a seal of its own or archived anything there.
    // (the archive's empty directory is made when the module is built, before the check).
    const files = fs.readdirSync(fresh, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    expect(files.map((f) => f.name)).toEqual([]);
  }, 120_000);

  it("refuses another deployment's DATA_DIR", async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'data-dir-other-'));
    dirs.push(other);
    fs.writeFileSync(
      path.join(other, 'deployment.json'),
      JSON.stringify({ deploymentId: '00000000-0000-4000-8000-000000000000' }),
    );
    const d = new ApiWorker('D', t.workerEnv({ DATA_DIR: other }));
    workers.push(d);
    await expect(d.ready()).rejects.toThrow(/该目录属于另一个部署（00000000-0000-4000-8000-000000000000）/);
  }, 120_000);
  it("refuses, on a new database, a DATA_DIR that holds another deployment's archive", async () => {
    // A second, empty database (its own schema) started on this deployment's directory: adopting
    // the marker would make two databases claim one deployment and mix their archives.
    const schema = `${process.env.DATABASE_SCHEMA}_other`;
    await t.query(`CREATE SCHEMA "${schema}"`);
    try {
      const before = fs.readdirSync(path.join(t.dataDir, 'archive'), { recursive: true }).length;
      const e = new ApiWorker('E', t.workerEnv({ DATABASE_SCHEMA: schema }));
      workers.push(e);
      await expect(e.ready()).rejects.toThrow(/该目录已属于另一个部署（.*），其中有该部署的归档文书/s);
      expect(fs.readdirSync(path.join(t.dataDir, 'archive'), { recursive: true }).length).toBe(before);
      const [{ n }] = await t.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${schema}".app_deployment`,
      );
      expect(n).toBe(0);
    } finally {
      await t.query(`DROP SCHEMA "${schema}" CASCADE`);
    }
  }, 120_000);
});
