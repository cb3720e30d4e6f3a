/**
 * `npm run bench:scale`: the inbox, case detail, statistics and the overdue report at province
 * scale (issue 19). Seeds the demo cases on a fresh PostgreSQL database, copies them with SQL up to
 * SCALE cases (default 100 000; SCALE=1000000 for the full run) across 20 townships × 10 villages,
 * then measures each endpoint over HTTP at concurrency 4 beside its bare SQL: the SELECTs one
 * request sent, replayed through the same pool at the same concurrency. Writes
 * bench/scale-results.json.
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PerformanceObserver, monitorEventLoopDelay } from 'node:perf_hooks';
import { Client } from 'pg';
import * as pg from 'pg';
import type { Logger } from 'typeorm';
import { Database } from '@app/persistence';
import { AuditService } from '@app/audit';
import { DocumentPipeline } from '@app/issuance';
import { createApp } from '../apps/api/src/create-app';
import { seedDemo } from '../apps/api/src/demo/seed';
import { DEMO_PASSWORD } from '../apps/api/src/demo/reference-data';
import { keptAliveClient } from './http-client';
import { scaleRepository as scale } from './scale.repository';

const SCALE = Number(process.env.SCALE ?? 100_000);
const URL_ = process.env.SCALE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/perf_scale';
const CONCURRENCY = 4;
// Requests timed per endpoint (case detail twice as many, over 200 cases; statistics and the
// overdue report half): the p95 of 40 requests was the third-slowest of them, one request
// queued behind another process's burst moved it.
const REQUESTS = Number(process.env.SCALE_REQUESTS ?? 200);
const COPY_CHUNK = Number(process.env.SCALE_CHUNK ?? 2000);
// Chunks copied at once, each on its own connection: one backend per core.
const COPY_STREAMS = Number(process.env.SCALE_STREAMS ?? 2);

interface Captured {
  sql: string;
  params: unknown[];
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round = (n: number) => Math.round(n * 10) / 10;

function summary(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: round(percentile(s, 50)), p95: round(percentile(s, 95)), p99: round(percentile(s, 99)) };
}

/**
 * Runs `work(i)` for i < n on `CONCURRENCY` workers; returns each call's milliseconds, and in
 * `starts` (when given) the wall-clock instant each call began, in the same order.
 */
async function concurrently(
  n: number,
  work: (i: number) => Promise<void>,
  starts?: number[],
): Promise<number[]> {
  const out: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < n; i = next++) {
        const at = Date.now();
        const start = process.hrtime.bigint();
        await work(i);
        out.push(Number(process.hrtime.bigint() - start) / 1e6);
        starts?.push(at);
      }
    }),
  );
  return out;
}

async function freshDatabase(): Promise<void> {
  const url = new URL(URL_);
  const name = url.pathname.slice(1);
  if (!/^\w+$/.test(name) || name === 'test') throw new Error(`refusing database name “${name}”`);
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  await scale.recreateDatabase(admin, name);
  await admin.end();
}

/** A database whose start would render a backlog of documents measures the renders, not the reads. */
async function refuseRenderBacklog(): Promise<void> {
  const client = new Client({ connectionString: URL_ });
  await client.connect();
  const pending = await scale.pendingDocuments(client);
  await client.end();
  if (pending > 1000)
    throw new Error(`${pending} documents are pending (copied before the seed's were archived): grow again`);
}

async function main() {
  // SCALE_REUSE=1 measures the database a previous run grew (after migrations the app applies on start).
  const reuse = process.env.SCALE_REUSE === '1';
  if (!reuse) await freshDatabase();
  else await refuseRenderBacklog();
  process.env.DATABASE_URL = URL_;
  // One data directory per grown database, as a deployment has: a run on a database grown earlier
  // must find the directory that database is bound to (DATA_DIR's deployment marker).
  process.env.DATA_DIR =
    process.env.SCALE_DATA_DIR ?? path.join(os.tmpdir(), `sa-scale-${new URL(URL_).pathname.slice(1)}`);
  fs.mkdirSync(process.env.DATA_DIR, { recursive: true });
  process.env.TIMER_POLL_MS = '0';
  const app = await createApp({ logger: false });
  const db = app.get(Database);
  const t0 = Date.now();
  // SCALE_FROM=k (with SCALE_REUSE=1) resumes a grow that was stopped: copies k onwards (a stopped
  // chunk rolled back; k is one more than the copies in the database).
  if (!reuse) await grow(app, db, t0);
  else if (process.env.SCALE_FROM) await copyAll(db, t0, Number(process.env.SCALE_FROM));
  else await finishGrow(db);
  const tAnalyze = Date.now();
  // SCALE_ANALYZE=0 skips the ANALYZE of a database a previous run grew and analyzed.
  if (process.env.SCALE_ANALYZE !== '0') await db.read((em) => scale.analyze(em));
  if (growSeconds.indexes !== undefined) growSeconds.analyze = seconds(tAnalyze);
  const counts = await db.read((em) => scale.counts(em));
  console.log(`\n${JSON.stringify(counts)} after ${seconds(t0)} s; ${JSON.stringify({ growSeconds })}`);
  // SCALE_MEASURE=0 only grows the database (to measure it later with SCALE_REUSE=1).
  if (process.env.SCALE_MEASURE === '0') return app.close();
  // The grow's, ANALYZE's and VACUUM's dirty buffers written out before the timing, not during it.
  await db.read((em) => scale.checkpoint(em));
  const loadBefore = os.loadavg();
  // SCALE_ONLY=sealer measures the audit sealer alone.
  const results = process.env.SCALE_ONLY === 'sealer' ? [] : await measure(app, db);
  // SCALE_ONLY=http leaves the sealer out (its chain fill takes minutes at a million cases).
  const sealer = process.env.SCALE_ONLY === 'http' ? null : await measureSealer(app, db);
  const out = {
    // The cases measured; `target` is the SCALE asked for (a grow stopped half-way measures fewer).
    scale: counts.cases,
    target: SCALE,
    counts,
    // Other jobs share the machine: its load average (1, 5, 15 min) before and after the run; each
    // row also has the 1-minute load average when it was measured.
    loadAverage: { before: loadBefore.map(round), after: os.loadavg().map(round) },
    concurrency: CONCURRENCY,
    host: { cpus: os.cpus().length, node: process.version },
    measuredAt: new Date().toISOString(),
    // How long this run's grow took (wall clock, s): seeding, copying, indexes and rollups, ANALYZE.
    growSeconds,
    results,
    sealer,
  };
  const file = process.env.SCALE_RESULTS ?? path.join(__dirname, 'scale-results.json');
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(
    '\n| endpoint | p50 | p95 | p99 | bare SQL p50 | bare SQL p95 | ratio p50 | ratio p95 | with record p50 | with record p95 | ratio p50 | ratio p95 | statements/request | load (1 min) |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const r of results)
    console.log(
      `| ${r.endpoint} | ${r.http.p50} | ${r.http.p95} | ${r.http.p99} | ${r.bareSql.p50} | ${r.bareSql.p95} | ${r.ratioP50}× | ${r.ratioP95}× | ${r.bareSqlWithRecord.p50} | ${r.bareSqlWithRecord.p95} | ${r.ratioP50WithRecord}× | ${r.ratioP95WithRecord}× | ${r.statementsPerRequest} | ${r.load1} |`,
    );
  console.log(JSON.stringify(sealer));
  await app.close();
}

/**
 * SCALE_EXPLAIN=<file> appends each statement's plan (EXPLAIN ANALYZE, BUFFERS) to the file,
 * slowest first, to find the statements an endpoint's time goes to.
 */
async function explain(db: Database, name: string, selects: Captured[], file: string) {
  const plans: { ms: number; text: string }[] = [];
  for (const c of selects) {
    const rows = (await db.read((em) =>
      scale.replay(em, `EXPLAIN (ANALYZE, BUFFERS) ${c.sql}`, c.params),
    )) as { 'QUERY PLAN': string }[];
    const text = rows.map((r) => r['QUERY PLAN']).join('\n');
    const ms = Number(/Execution Time: ([\d.]+)/.exec(text)?.[1] ?? 0);
    plans.push({ ms, text: `${c.sql}\n${JSON.stringify(c.params).slice(0, 300)}\n${text}` });
  }
  plans.sort((a, b) => b.ms - a.ms);
  const total = plans.reduce((n, p) => n + p.ms, 0);
  fs.appendFileSync(
    file,
    `\n######## ${name}: ${plans.length} statements, ${total.toFixed(2)} ms executing\n` +
      plans.map((p) => `--- ${p.ms} ms\n${p.text}`).join('\n'),
  );
}

const SEALER_POLLS = 30;
const SEALER_ENTRIES = 50;

/**
 * The audit sealer at this size: every entry is first put on the chain (as in a database that has
 * run all along), then each poll seals the entries written since the one before, `SEALER_ENTRIES`
 * of them. The process's first poll sweeps the whole record (a start-up cost, measured apart).
 */
async function measureSealer(app: Awaited<ReturnType<typeof createApp>>, db: Database) {
  let t = Date.now();
  const filled = await db.transaction((em) => scale.chainEverything(em));
  const fillSeconds = round((Date.now() - t) / 1000);
  const chain = await db.read((em) => scale.chainLength(em));
  const audit = app.get(AuditService);
  const write = () =>
    Promise.all(
      Array.from({ length: SEALER_ENTRIES }, () =>
        audit.recordAlone({ actorId: null, action: 'access.task.inbox', at: new Date() }),
      ),
    );
  await write();
  t = Date.now();
  const swept = await audit.seal();
  const sweepMs = Date.now() - t;
  const polls: number[] = [];
  for (let i = 0; i < SEALER_POLLS; i++) {
    await write();
    const start = process.hrtime.bigint();
    const n = await audit.seal();
    polls.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (n !== SEALER_ENTRIES) throw new Error(`a poll sealed ${n} entries, not ${SEALER_ENTRIES}`);
  }
  return {
    chainLength: chain,
    linkedBeforeMeasuring: filled,
    fillSeconds,
    startupSweep: { ms: sweepMs, sealed: swept },
    poll: { entries: SEALER_ENTRIES, polls: SEALER_POLLS, ...summary(polls) },
    load1: round(os.loadavg()[0]),
  };
}

const seconds = (since: number) => Math.round((Date.now() - since) / 1000);
const growSeconds: { seed?: number; copy?: number; indexes?: number; analyze?: number } = {};

async function grow(app: Awaited<ReturnType<typeof createApp>>, db: Database, t0: number) {
  await seedDemo(app);
  // The seed's documents render in the background: copied while still pending, every copy was
  // pending too, and the measuring process's start set out to render millions of them.
  const pipeline = app.get(DocumentPipeline);
  await pipeline.settled();
  await pipeline.archivePending();
  growSeconds.seed = seconds(t0);
  console.log(`seeded in ${growSeconds.seed} s`);
  await copyAll(db, t0, 1);
}

async function copyAll(db: Database, t0: number, first: number) {
  const seeds = await db.read((em) => scale.seedCount(em));
  const copies = Math.max(0, Math.ceil(SCALE / seeds) - 1);
  console.log(`${seeds} seeded cases; copies ${first}..${copies}`);
  const tCopy = Date.now();
  await db.transaction((em) => scale.regions(em));
  await db.transaction((em) => scale.markSeeds(em));
  const columns = await db.read((em) => scale.columns(em));
  if (copies >= first) await db.transaction((em) => scale.dropSecondaryIndexes(em));
  let next = first;
  await Promise.all(
    Array.from({ length: COPY_STREAMS }, async () => {
      for (let k = next; k <= copies; k = next) {
        next = k + COPY_CHUNK;
        const to = Math.min(copies, k + COPY_CHUNK - 1);
        await db.transaction((em) => scale.copy(em, columns, k, to));
        console.log(
          `  copies ${k}..${to} of ${copies} done after ${((Date.now() - t0) / 1000).toFixed(0)} s`,
        );
      }
    }),
  );
  growSeconds.copy = seconds(tCopy);
  await finishGrow(db);
}

/** Builds the indexes the copy dropped and recounts the rollups (also for a grow stopped half-way). */
async function finishGrow(db: Database) {
  const pending = await db.read((em) => scale.pendingIndexes(em));
  if (!pending) return;
  const tIndexes = Date.now();
  console.log(`\nbuilding ${pending.length} indexes`);
  let next = 0;
  await Promise.all(
    Array.from({ length: COPY_STREAMS }, async () => {
      for (let i = next++; i < pending.length; i = next++) {
        await db.transaction((em) => scale.createIndex(em, pending[i]));
      }
    }),
  );
  await db.transaction((em) => scale.rebuildStats(em));
  await db.transaction((em) => scale.endGrow(em));
  growSeconds.indexes = seconds(tIndexes);
}

/**
 * Time the app's connections spend in `query` (send to last row, as the driver sees it: the
 * database's work plus its queueing for a core), summed over all of them, while `on`.
 */
const dbClock = { on: false, ms: 0, slow: [] as ProcessEvent[] };
/** A statement slower than this goes on the row's events (SCALE_TIMES): what a burst waited for. */
const SLOW_STATEMENT_MS = 50;
{
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const out = query.apply(this, args);
    if (!dbClock.on || !(out instanceof Promise)) return out;
    const at = Date.now();
    const start = process.hrtime.bigint();
    const stop = () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      dbClock.ms += ms;
      if (ms >= SLOW_STATEMENT_MS) {
        const first = args[0] as string | { text?: string };
        const text = typeof first === 'string' ? first : (first.text ?? '');
        dbClock.slow.push({ at, ms, what: `statement ${text.replace(/\s+/g, ' ').trim().slice(0, 40)}` });
      }
    };
    return out.then(
      (r) => (stop(), r),
      (e) => {
        stop();
        throw e;
      },
    );
  };
}

const CLOCK_TICK_MS = 1000 / 100;

/** CPU milliseconds (user + system) the database's backends for these pids have used, by pid. */
function backendCpu(pids: number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    try {
      // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(pid, (Number(f[11]) + Number(f[12])) * CLOCK_TICK_MS);
    } catch {
      out.set(pid, 0);
    }
  }
  return out;
}

async function measure(app: Awaited<ReturnType<typeof createApp>>, db: Database) {
  await app.listen(0, '127.0.0.1');
  const base = await app.getUrl();
  const tokens: Record<string, string> = {};
  // The bench's own HTTP client runs in this process, on the cores it measures (bench/http-client.ts).
  // It asks for gzip as a browser does, so the API compresses as it would for the web app.
  const { request, close } = keptAliveClient(base, CONCURRENCY);
  for (const username of ['clerk', 'approver']) {
    const res = await request(
      'POST',
      '/api/auth/login',
      { 'Content-Type': 'application/json' },
      JSON.stringify({ username, password: DEMO_PASSWORD }),
    );
    tokens[username] = (JSON.parse(res.body.toString()) as { token: string }).token;
  }

  // Every statement the app sends, counted and (for one request at a time) captured.
  const source = db.dataSource as unknown as { logger: Logger };
  const logger = source.logger;
  let statements = 0;
  let capture: Captured[] | null = null;
  source.logger = new Proxy(logger, {
    get: (target, key) =>
      key === 'logQuery'
        ? (sql: string, params?: unknown[]) => {
            statements++;
            capture?.push({ sql, params: params ?? [] });
          }
        : Reflect.get(target, key),
  });

  const get = async (user: string, url: string) => {
    const res = await request('GET', url, {
      Authorization: `Bearer ${tokens[user]}`,
      'Accept-Encoding': 'gzip, deflate',
    });
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${res.body.toString()}`);
  };
  const details = (await db.read((em) => scale.sampleCases(em, '410799100', 200))).map((r) => r.id);
  const events = watchProcess(db);

  const endpoints: { name: string; user: string; url: (i: number) => string; n: number }[] = [];
  for (const [user, role] of [
    ['approver', 'county approver'],
    ['clerk', 'township clerk'],
  ]) {
    for (const sort of ['due', 'hardship', 'created', 'urgency'])
      endpoints.push({
        name: `inbox ${role}, sort=${sort}`,
        user,
        url: () => `/api/tasks?sort=${sort}`,
        n: REQUESTS,
      });
  }
  endpoints.push({
    name: 'case detail',
    user: 'approver',
    url: (i) => `/api/cases/${details[i % details.length]}`,
    n: 2 * REQUESTS,
  });
  endpoints.push({
    name: 'stats overview (county)',
    user: 'approver',
    url: () => '/api/stats/overview',
    n: REQUESTS / 2,
  });
  endpoints.push({
    name: 'overdue report (county)',
    user: 'approver',
    url: () => '/api/reports/overdue',
    n: REQUESTS / 2,
  });

  // SCALE_ROWS=<regular expression> measures the rows whose name it matches (a burst looked at again
  // without the minutes of the statistics).
  const only = process.env.SCALE_ROWS ? new RegExp(process.env.SCALE_ROWS) : null;
  if (only) endpoints.splice(0, endpoints.length, ...endpoints.filter((e) => only.test(e.name)));
  // A warmed process, as a server that has been answering for a while is: every endpoint is first
  // called as many times as it is measured, untimed, so the pool has its connections and V8 has
  // compiled the request path (with one warm-up request the first endpoints measured paid for
  // both: two to three times the CPU per request of the later ones).
  for (const e of endpoints) await concurrently(e.n, (i) => get(e.user, e.url(i)));
  const results = [];
  for (const e of endpoints) {
    capture = [];
    await get(e.user, e.url(1));
    const captured: Captured[] = capture;
    capture = null;
    const selects = captured.filter((c) => /^\s*(SELECT|WITH)\b/i.test(c.sql));
    // The record of the read (执法全过程记录) commits before the answer leaves: its own transaction.
    const record = captured.filter((c) => /^\s*INSERT INTO audit_entry\b/i.test(c.sql));
    if (process.env.SCALE_EXPLAIN) await explain(db, e.name, selects, process.env.SCALE_EXPLAIN);
    statements = 0;
    // What a request cost beside how long it took: this process's CPU (the API, and the bench's
    // own HTTP client, in one process), the database backends' CPU, and the time its statements
    // took as the driver saw them. On a loaded machine the wall-clock p95 is mostly waiting.
    const pidsBefore = await db.read((em) => scale.backendPids(em));
    const backendsBefore = backendCpu(pidsBefore);
    const checkpointsBefore = await db.read((em) => scale.checkpoints(em));
    const cpuBefore = process.cpuUsage();
    dbClock.ms = 0;
    dbClock.on = true;
    events.take();
    const starts: number[] = [];
    const http = await concurrently(e.n, (i) => get(e.user, e.url(i)), starts);
    dbClock.on = false;
    const during = events.take();
    // SCALE_TIMES=<file> appends each request's start (ISO time) and milliseconds, in the order they
    // ended: a slow p95 is then either a few requests at one moment (a burst) or spread out.
    if (process.env.SCALE_TIMES)
      fs.appendFileSync(
        process.env.SCALE_TIMES,
        http.map((ms, n) => `${e.name}\t${new Date(starts[n]).toISOString()}\t${ms.toFixed(1)}\n`).join('') +
          during.list
            .map((v) => `event\t${new Date(v.at).toISOString()}\t${v.ms.toFixed(1)}\t${v.what}\n`)
            .join(''),
      );
    const cpu = process.cpuUsage(cpuBefore);
    // Checkpoints of the whole server (other databases' writes too) begun while the row was timed.
    const checkpoints = (await db.read((em) => scale.checkpoints(em))) - checkpointsBefore;
    const pidsAfter = await db.read((em) => scale.backendPids(em));
    const backendsAfter = backendCpu([...new Set([...pidsBefore, ...pidsAfter])]);
    let backendMs = 0;
    for (const [pid, ms] of backendsAfter) backendMs += ms - (backendsBefore.get(pid) ?? 0);
    const perRequest = statements / e.n;
    const bare = await concurrently(e.n, async () => {
      await db.read(async (em) => {
        for (const c of selects) await scale.replay(em, c.sql, c.params);
      });
    });
    const bareWithRecord = await concurrently(e.n, async () => {
      await db.read(async (em) => {
        for (const c of selects) await scale.replay(em, c.sql, c.params);
      });
      for (const c of record) await db.read((em) => scale.replay(em, c.sql, c.params));
    });
    const h = summary(http);
    const b = summary(bare);
    const bw = summary(bareWithRecord);
    const row = {
      endpoint: e.name,
      http: h,
      bareSql: b,
      ratioP50: round(h.p50 / Math.max(b.p50, 0.01)),
      ratioP95: round(h.p95 / Math.max(b.p95, 0.01)),
      // The same SELECTs and then the request's audit INSERT, committed as the request commits it.
      bareSqlWithRecord: bw,
      ratioP50WithRecord: round(h.p50 / Math.max(bw.p50, 0.01)),
      ratioP95WithRecord: round(h.p95 / Math.max(bw.p95, 0.01)),
      statementsPerRequest: round(perRequest),
      // Means per request over the HTTP run (ms): see `dbClock` and `backendCpu`.
      perRequest: {
        processCpuMs: round((cpu.user + cpu.system) / 1000 / e.n),
        dbBackendCpuMs: round(backendMs / e.n),
        dbStatementMs: round(dbClock.ms / e.n),
      },
      requests: e.n,
      // What else this process did while the row was timed: connections the pool opened, garbage
      // collections of 5 ms or more, and the longest the event loop was held (ms).
      process: { ...during.summary, checkpoints },
      load1: round(os.loadavg()[0]),
    };
    results.push(row);
    console.log(JSON.stringify(row));
  }
  close();
  source.logger = logger;
  return results;
}

interface ProcessEvent {
  at: number;
  ms: number;
  what: string;
}

/**
 * Records what else the measured process does (SCALE_TIMES writes it beside the requests' times):
 * a connection the pool opens (a new server process, with cold caches and statements to prepare
 * again), a garbage collection of 5 ms or more, the event loop's longest delay.
 */
function watchProcess(db: Database) {
  let list: ProcessEvent[] = [];
  const pool = (db.dataSource.driver as unknown as { master: pg.Pool }).master;
  pool.on('connect', () => list.push({ at: Date.now(), ms: 0, what: 'pool connect' }));
  // Garbage collections of 5 ms or more (wall clock: on a loaded machine mostly waiting for a core).
  const gc = new PerformanceObserver((items) => {
    for (const g of items.getEntries())
      if (g.duration >= 5)
        list.push({
          at: performance.timeOrigin + g.startTime,
          ms: g.duration,
          what: `gc ${(g as { detail?: { kind?: number } }).detail?.kind ?? ''}`,
        });
  });
  gc.observe({ entryTypes: ['gc'] });
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  return {
    take() {
      const taken = [...list, ...dbClock.slow];
      list = [];
      dbClock.slow = [];
      const summary = {
        poolConnects: taken.filter((v) => v.what === 'pool connect').length,
        gcOver5Ms: taken.filter((v) => v.what.startsWith('gc')).length,
        gcMaxMs: round(Math.max(0, ...taken.filter((v) => v.what.startsWith('gc')).map((v) => v.ms))),
        statementsOver50Ms: taken.filter((v) => v.what.startsWith('statement')).length,
        auditInsertsOver50Ms: taken.filter((v) => v.what.startsWith('statement INSERT INTO audit_entry'))
          .length,
        eventLoopMaxMs: round(loop.max / 1e6),
      };
      loop.reset();
      return { list: taken, summary };
    },
  };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
