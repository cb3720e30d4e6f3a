import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Database } from '@app/persistence';
import { Clock } from '@app/common';
import { TimerPoller } from '@app/workflow';
import { DocumentPipeline } from '@app/issuance';
import { hashPassword } from '@app/auth';
import { createApp } from '../../apps/api/src/create-app';
import { DEMO_PASSWORD, seedReferenceData } from '../../apps/api/src/demo/reference-data';
import { seedDevelopmentSeal, seedPgliteDataDir } from './pglite-template';

/**
 * The demo accounts' DEMO_PASSWORD hashed at scrypt N = 1024 instead of production's 16384 (which
 * libs/auth's password.spec pins, and which every account made through the API still gets): a
 * sign-in verifies the hash at the cost the hash records, ≈ 40 ms of CPU at 16384 and 2.5 at 1024,
 * and an api bundle signs in about 150 times. The same code checks the same password; only the
 * fixture's work factor differs. Hashed once per jest file.
 */
let fixtureHash: Promise<string> | undefined;
const fixturePasswordHash = () => (fixtureHash ??= hashPassword(DEMO_PASSWORD, { N: 1024, r: 8, p: 1 }));

/**
 * A real API on a fresh data directory (and, with DATABASE_URL, its own PostgreSQL schema), seeded
 * with the demo county, townships and one user per role but no cases.
 */
/** The password of the staff accounts tests make (addStaff). */
export const STAFF_PASSWORD = 'Demo-pass-2026';

/**
 * `documents: 'on-read'`: the steps' documents are archived when a test first reads one (a download
 * renders, signs and archives it, as in production) instead of after every step. For a spec that
 * reads few of the documents its steps issue; every template is still rendered from a real step's
 * data where the lifecycle specs read it, and those keep the default.
 */
export interface TestAppOptions {
  documents?: 'on-read';
}

export class TestApp {
  app!: NestExpressApplication;
  private readonly tokens = new Map<string, string>();
  readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-e2e-'));
  private readonly schema = process.env.DATABASE_URL ? `e2e_${process.pid}_${Date.now()}` : undefined;

  /** What DOCUMENTS_INLINE was before an option changed it, put back by stop(). */
  private readonly documentsBefore = process.env.DOCUMENTS_INLINE;

  private constructor(private readonly options: TestAppOptions = {}) {}

  static async start(options: TestAppOptions = {}): Promise<TestApp> {
    const t = new TestApp(options);
    if (!process.env.DATABASE_URL) await seedPgliteDataDir(t.dataDir);
    await seedDevelopmentSeal(t.dataDir);
    await t.boot();
    const passwordHash = await fixturePasswordHash();
    await t.app.get(Database).transaction((em) => seedReferenceData(em, { passwordHash }));
    return t;
  }

  /**
   * The API as `npm start` builds it on a fresh installation: no reference data yet, the demo
   * clock wound back before the bundled models deploy (the caller then runs seedDemo).
   */
  static async startFresh(beforeDeploy: (app: NestExpressApplication) => Promise<void>): Promise<TestApp> {
    const t = new TestApp();
    if (!process.env.DATABASE_URL) await seedPgliteDataDir(t.dataDir);
    await seedDevelopmentSeal(t.dataDir);
    await t.boot(beforeDeploy);
    return t;
  }

  private async boot(beforeDeploy?: (app: NestExpressApplication) => Promise<void>): Promise<void> {
    process.env.DATA_DIR = this.dataDir;
    process.env.TIMER_POLL_MS = '0';
    // The only process on its schema unless a spec says otherwise (demo-clock-two-process): no
    // background reads of the stored clock among the statements a spec counts.
    process.env.CLOCK_SYNC_MS ??= '0';
    /* Specs read a step's documents right after it; DOCUMENTS_INLINE=0 in the environment runs them
       as production does (rendered in the background) and `documentsSettled()` waits for them. */
    if (this.options.documents) process.env.DOCUMENTS_INLINE = this.options.documents;
    else process.env.DOCUMENTS_INLINE ??= '1';
    process.env.DOCUMENT_WORKERS ??= '0';
    if (this.schema) process.env.DATABASE_SCHEMA = this.schema;
    this.app = await createApp({ logger: false, ...(beforeDeploy && { beforeDeploy }) });
    await this.app.init();
    this.tokens.clear();
  }

  /** Waits until every document the API is rendering in the background is archived (or failed). */
  async documentsSettled(): Promise<void> {
    await this.app.get(DocumentPipeline).settled();
  }

  /**
   * Stops the API and starts a new one on the same data, as after a crash or a deploy. The clock
   * keeps the offset the test gave it, unless `storedClock`: then it is what the new process finds
   * (the offset the demo stored, or none), as for a real restart.
   */
  async restart(options: { storedClock?: boolean } = {}): Promise<void> {
    const offset = this.clock.now().getTime() - Date.now();
    await this.app.close();
    await this.boot();
    if (!options.storedClock) this.clock.advance(offset - (this.clock.now().getTime() - Date.now()));
  }

  /**
   * Stops the API, runs `work` while no API holds the data (PGlite is one process's database: a
   * command such as `npm run verify` can only open it then), and starts the API again on the same data.
   */
  async offline<T>(work: () => Promise<T>): Promise<T> {
    const offset = this.clock.now().getTime() - Date.now();
    await this.app.close();
    try {
      return await work();
    } finally {
      await this.boot();
      this.clock.advance(offset);
    }
  }

  async stop(): Promise<void> {
    if (this.schema) await this.app.get(Database).dataSource.query(`DROP SCHEMA "${this.schema}" CASCADE`);
    await this.app.close();
    delete process.env.DATABASE_SCHEMA;
    // The next spec in a bundle starts as it would have without this one.
    if (this.options.documents) {
      if (this.documentsBefore === undefined) delete process.env.DOCUMENTS_INLINE;
      else process.env.DOCUMENTS_INLINE = this.documentsBefore;
    }
  }

  /**
   * The environment of another API process (test/support/api-worker.ts, timer workers) on this
   * app's database: its PostgreSQL schema, its data directory, no timer poller unless `extra` sets one.
   */
  workerEnv(extra: Record<string, string> = {}): Record<string, string> {
    return {
      DATABASE_URL: process.env.DATABASE_URL!,
      DATABASE_SCHEMA: process.env.DATABASE_SCHEMA!,
      DATA_DIR: this.dataDir,
      TIMER_POLL_MS: '0',
      ...extra,
    };
  }

  /** Listens on a free local port (for a real browser) and returns the base URL. */
  async listen(): Promise<string> {
    await this.app.listen(0, '127.0.0.1');
    const address = this.app.getHttpServer().address() as import('node:net').AddressInfo;
    const url = `http://127.0.0.1:${address.port}`;
    process.env.PUBLIC_URL = url;
    return url;
  }

  get http() {
    return request(this.app.getHttpServer());
  }

  get clock(): Clock {
    return this.app.get(Clock);
  }

  get db(): Database {
    return this.app.get(Database);
  }

  async token(username: string): Promise<string> {
    const cached = this.tokens.get(username);
    if (cached) return cached;
    const res = await this.http
      .post('/api/auth/login')
      .send({ username, password: DEMO_PASSWORD })
      .expect(200);
    this.tokens.set(username, res.body.token);
    return res.body.token;
  }

  async as(username: string) {
    return this.client(await this.token(username));
  }

  private client(token: string) {
    const auth = (r: request.Test) => r.set('Authorization', `Bearer ${token}`);
    return {
      get: (url: string) => auth(this.http.get(url)),
      post: (url: string, body?: object) => auth(this.http.post(url)).send(body ?? {}),
      put: (url: string, body?: object) => auth(this.http.put(url)).send(body ?? {}),
      patch: (url: string, body?: object) => auth(this.http.patch(url)).send(body ?? {}),
    };
  }

  /** A fresh sign-in (not cached) of an account made by a test, with its password. */
  async signIn(username: string, password = STAFF_PASSWORD) {
    const res = await this.http.post('/api/auth/login').send({ username, password }).expect(200);
    return this.client(res.body.token as string);
  }

  /** An account's id by its username. */
  async userId(username: string): Promise<string> {
    const [row] = await this.query<{ id: string }>(`SELECT id FROM app_user WHERE username = $1`, [username]);
    return row.id;
  }

  /**
   * A staff account made by one administrator and confirmed by another (two-person rule), signed
   * in with STAFF_PASSWORD. Township 城关镇 unless `regionCode` says otherwise.
   */
  async addStaff(
    username: string,
    displayName: string,
    role: string,
    { regionCode = '410799100', extraRoles = [] as string[] } = {},
  ) {
    const res = await (
      await this.as('admin')
    ).post('/api/users', { username, displayName, role, regionCode, extraRoles, password: STAFF_PASSWORD });
    if (res.status !== 201) throw new Error(`create ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    await (await this.as('admin2')).post(`/api/users/${res.body.id}/confirm`).expect(200);
    return { id: res.body.id as string, ...(await this.signIn(username)) };
  }

  /** GET of a binary body (PDF, workbook) as that user. */
  async download(username: string, url: string): Promise<request.Response & { body: Buffer }> {
    const token = await this.token(username);
    return this.http
      .get(url)
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
  }

  /** Forgets every signed-in session, after the clock was moved past their expiry some other way. */
  forgetSessions(): void {
    this.tokens.clear();
  }

  /** Moves the application clock and fires every timer due by then. */
  async advanceDays(days: number): Promise<number> {
    this.clock.advance(days * 86_400_000);
    this.tokens.clear(); // sessions expire after 12 hours of application time
    return this.app.get(TimerPoller).poll(this.clock.now());
  }

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.db.read((em) => em.query(sql, params));
  }
}

/**
 * The running footer of a document page (verification code, URL, page number): removed from
 * pdfText, so a sentence that a page break splits reads whole.
 */
const PAGE_FOOTER = /(—\d+—)?验证码：[A-Za-z0-9-]+查验：[\x21-\x7e]*?(?=—\d+—|[^\x00-\x7f]|$)(—\d+—)?/g;

/** Text of a PDF as poppler's pdftotext sees it, with line breaks, spaces and page footers removed. */
export function pdfText(pdf: Buffer, order: 'reading' | 'content' = 'reading'): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-')), 'doc.pdf');
  fs.writeFileSync(file, pdf);
  // 'content': the order the text was drawn (a table row by row), where pdftotext's reading order
  // may read a narrow table column by column.
  const raw = order === 'content' ? ['-raw'] : [];
  return execFileSync('pdftotext', [...raw, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
    .replace(/\s+/g, '')
    .replace(PAGE_FOOTER, '');
}

export function pdfsig(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sig-')), 'doc.pdf');
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync('pdfsig', [file], { encoding: 'utf8' });
  } catch (err) {
    // pdfsig exits non-zero when a signature does not verify; its report is still the answer.
    if (!(err instanceof Error)) throw err;
    const { stdout, stderr } = err as Error & { stdout?: unknown; stderr?: unknown };
    return String(stdout ?? '') + String(stderr ?? '');
  }
}
