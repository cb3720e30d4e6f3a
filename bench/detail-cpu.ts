import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Session } from 'node:inspector/promises';
import { PerformanceObserver } from 'node:perf_hooks';
import { Database } from '@app/persistence';
import { createApp } from '../apps/api/src/create-app';
import { DEMO_PASSWORD } from '../apps/api/src/demo/reference-data';
import { keptAliveClient } from './http-client';
import { scaleRepository as scale } from './scale.repository';

/**
 * The API process's main-thread CPU per case page (and the bench's own HTTP client in the same
 * thread), on a database `npm run bench:scale` grew: DETAIL_URL (PostgreSQL), DETAIL_ROUNDS rounds
 * of DETAIL_REQUESTS pages at concurrency 4 after as many untimed; PROFILE=<file> writes a CPU
 * profile of the timed pages. Run two trees of the code side by side, alternating, to compare
 * them under the same load: wall-clock figures on a shared machine mean little, thread CPU does.
 */
const URL_ = process.env.DETAIL_URL ?? 'postgres://postgres@127.0.0.1:5432/perf_scale';
const REQUESTS = Number(process.env.DETAIL_REQUESTS ?? 400);
const ROUNDS = Number(process.env.DETAIL_ROUNDS ?? 3);
const PATH = process.env.DETAIL_PATH ?? 'case';

function threadCpuMs(): number {
  const fields = fs.readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function main() {
  process.env.DATABASE_URL = URL_;
  process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-detail-'));
  process.env.TIMER_POLL_MS = '0';
  const app = await createApp({ logger: false });
  const db = app.get(Database);
  await app.listen(0, '127.0.0.1');
  const base = await app.getUrl();
  const { request, close } = keptAliveClient(base, 4);
  const login = await request(
    'POST',
    '/api/auth/login',
    { 'Content-Type': 'application/json' },
    JSON.stringify({ username: 'approver', password: DEMO_PASSWORD }),
  );
  const token = (JSON.parse(login.body.toString()) as { token: string }).token;
  const ids = (await db.read((em) => scale.sampleCases(em, '410799100', 200))).map((r) => r.id);
  const url = (i: number) => (PATH === 'case' ? `/api/cases/${ids[i % ids.length]}` : PATH);
  const run = async (n: number) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let i = next++; i < n; i = next++) {
          const res = await request('GET', url(i), {
            Authorization: `Bearer ${token}`,
            'Accept-Encoding': 'gzip, deflate',
          });
          if (res.status !== 200) throw new Error(`${url(i)}: ${res.status}`);
        }
      }),
    );
  };
  await run(REQUESTS);
  const session = process.env.PROFILE ? new Session() : null;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
  }
  // Garbage collections during the timed rounds: how many, their pause (ms) in all and the longest.
  const gc = { n: 0, ms: 0, max: 0 };
  const observer = new PerformanceObserver((items) => {
    for (const g of items.getEntries()) {
      gc.n++;
      gc.ms += g.duration;
      gc.max = Math.max(gc.max, g.duration);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  // With --expose-gc: the heap a full collection leaves before and after the timed rounds (what
  // the pages left behind, per page).
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const perRequest: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const cpu = threadCpuMs();
    await run(REQUESTS);
    perRequest.push((threadCpuMs() - cpu) / REQUESTS);
  }
  observer.disconnect();
  collect?.();
  const retainedKbPerRequest = collect
    ? +((process.memoryUsage().heapUsed - heapBefore) / 1024 / (REQUESTS * ROUNDS)).toFixed(2)
    : null;
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    fs.writeFileSync(process.env.PROFILE!, JSON.stringify(profile));
  }
  console.log(
    JSON.stringify({
      path: PATH,
      requests: REQUESTS,
      cpuMsPerRequest: perRequest.map((x) => +x.toFixed(2)),
      gc: {
        perRequest: +(gc.n / (REQUESTS * ROUNDS)).toFixed(3),
        pauseMsPerRequest: +(gc.ms / (REQUESTS * ROUNDS)).toFixed(2),
        maxMs: +gc.max.toFixed(1),
      },
      retainedKbPerRequest,
      execArgv: process.execArgv.join(' '),
      load1: os.loadavg()[0],
    }),
  );
  close();
  await app.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
