/**
 * (d) Durable timers at scale on PostgreSQL: 10,000 due timers of a tiny model (start → timer →
 * user task), fired by one API process, then (a fresh 10,000) by two API processes polling the same
 * table (FOR UPDATE SKIP LOCKED). Each poller is a separate OS process running the real application
 * (test/support/timer-worker.ts), with empty engine caches, so every firing recovers its case's
 * engine from the stored state, fires, and commits the new state, task and activity log, in
 * batches of TIMER_BATCH_SIZE (the application's default unless BENCH_TIMER_BATCH is set).
 *
 * Lag: the application clock of the pollers is moved so that every timer falls due at one instant
 * T0; a timer's lag is the wall-clock time from T0 until the transaction that fired it committed.
 * With all due at once it measures the backlog drain — p50 ≈ half the drain time — not the polling
 * interval; the poll interval (TIMER_POLL_MS) only adds to the first timer's lag.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Database } from '@app/persistence';
import { ProcessRuntime } from '@app/workflow';
import { createApp } from '../apps/api/src/create-app';
import { TimerWorker, until } from '../test/support/timer-workers';
import { benchRepository } from './bench.repository';

const DAY = 86_400_000;

export interface TimerRun {
  processes: number;
  timers: number;
  seconds: number;
  timersPerSecond: number;
  /** Timers each process fired. */
  perProcess: number[];
  /** Each process's fires per second of the drain. */
  perProcessPerSecond: number[];
  /** Each process's fires per CPU-second it used from ready to stop (comparable on a shared machine). */
  perProcessPerCpuSecond: number[];
  lagMs: { p50: number; p95: number; max: number };
}

export interface TimersBenchResult {
  skipped?: string;
  timers?: number;
  one?: TimerRun;
  two?: TimerRun;
  /** two-process rate / one-process rate */
  ratio?: number;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function run(
  processes: number,
  expected: number,
  env: Record<string, string>,
  offsetMs: number,
): Promise<TimerRun> {
  const workers = Array.from(
    { length: processes },
    (_, i) => new TimerWorker(`P${i + 1}`, { ...env, CLOCK_OFFSET_MS: String(offsetMs) }),
  );
  try {
    await Promise.all(workers.map((w) => w.ready()));
    const t0 = Date.now();
    await Promise.all(workers.map((w) => w.advance(2 * DAY)));
    await until(workers, () => workers.reduce((sum, w) => sum + w.fired, 0) >= expected, 'all fired');
    const reports = await Promise.all(workers.map((w) => w.stop()));
    const firedAt = reports.flatMap((r) => r.firedAt ?? []);
    const seconds = (Math.max(...firedAt) - t0) / 1000;
    const lags = firedAt.map((at) => at - t0).sort((a, b) => a - b);
    return {
      processes,
      timers: firedAt.length,
      seconds,
      timersPerSecond: firedAt.length / seconds,
      perProcess: reports.map((r) => r.fired ?? 0),
      perProcessPerSecond: reports.map((r) => (r.fired ?? 0) / seconds),
      perProcessPerCpuSecond: reports.map((r) => (r.fired ?? 0) / (Number(r.cpuMs) / 1000)),
      lagMs: { p50: percentile(lags, 50), p95: percentile(lags, 95), max: lags[lags.length - 1] },
    };
  } finally {
    for (const w of workers) await w.kill();
  }
}

export async function timersBench(
  count = Number(process.env.BENCH_TIMERS ?? 10_000),
): Promise<TimersBenchResult> {
  if (!process.env.DATABASE_URL) {
    return { skipped: '需要 PostgreSQL：设置 DATABASE_URL 后运行（多个进程无法共享 PGlite）' };
  }
  const schema = `bench_timers_${process.pid}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-bench-timers-'));
  fs.mkdirSync(path.join(dir, 'processes'));
  fs.copyFileSync(
    path.join(__dirname, '../test/fixtures/models/tiny-timer.bpmn'),
    path.join(dir, 'processes', 'tiny-timer.bpmn'),
  );
  const saved = {
    DATA_DIR: process.env.DATA_DIR,
    DATABASE_SCHEMA: process.env.DATABASE_SCHEMA,
    PROCESSES_DIR: process.env.PROCESSES_DIR,
    TIMER_POLL_MS: process.env.TIMER_POLL_MS,
  };
  Object.assign(process.env, {
    DATA_DIR: path.join(dir, 'data'),
    DATABASE_SCHEMA: schema,
    PROCESSES_DIR: path.join(dir, 'processes'),
    TIMER_POLL_MS: '0',
  });
  const app = await createApp({ logger: false });
  const db = app.get(Database);
  try {
    // One real instance waiting at its timer, cloned: two batches, due on day 1 and on day 3.
    const runtime = app.get(ProcessRuntime);
    const { instance } = await runtime.transaction((em) =>
      runtime.start(em, {
        definitionKey: 'h5-tiny-timer',
        businessKey: 'bench-seed',
        variables: {},
        actorId: null,
      }),
    );
    await db.transaction(async (em) => {
      await benchRepository.cancelTimers(em, instance.id);
      for (const [batch, dueDay] of [
        ['one', 1],
        ['two', 3],
      ] as const) {
        await benchRepository.cloneWithTimers(em, {
          instanceId: instance.id,
          prefix: `bench-${batch}-`,
          count,
          elementId: 'Timer_Wait',
          dueDays: dueDay,
        });
      }
    });
    const env = {
      DATABASE_URL: process.env.DATABASE_URL,
      DATABASE_SCHEMA: schema,
      DATA_DIR: path.join(dir, 'data'),
      PROCESSES_DIR: path.join(dir, 'processes'),
      TIMER_POLL_MS: process.env.BENCH_TIMER_POLL_MS ?? '50',
      ...(process.env.BENCH_TIMER_BATCH && { TIMER_BATCH_SIZE: process.env.BENCH_TIMER_BATCH }),
    };
    const one = await run(1, count, env, 0); // clock day 0 → day 2: batch "one" due
    const two = await run(2, count, env, 2 * DAY); // day 2 → day 4: batch "two" due
    const left = await db.read((em) => benchRepository.pendingTimers(em));
    if (left !== 0) throw new Error(`${left} timers left pending`);
    return { timers: count, one, two, ratio: two.timersPerSecond / one.timersPerSecond };
  } finally {
    await benchRepository.dropSchema(db.dataSource, schema);
    await app.close();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** The goals of issue 19. */
export const TIMER_GOALS = { firesPerSecondPerProcess: 500, twoProcessP95LagMs: 10_000 };

/** Lines in the style of bench/run.ts, with the goals of issue 19 beside the figures. */
export function describeTimers(r: TimersBenchResult): string {
  if (r.skipped || !r.one || !r.two) return `(d) durable timers: skipped — ${r.skipped}`;
  const lag = (x: TimerRun) => `lag p50 ${x.lagMs.p50} ms / p95 ${x.lagMs.p95} ms / max ${x.lagMs.max} ms`;
  const meets = (ok: boolean) => (ok ? '达标' : '未达标');
  const perProcess = (x: TimerRun) => x.perProcessPerSecond?.map((v) => v.toFixed(1)).join(' + ') ?? '';
  return [
    `(d) durable timers/s (${r.timers} due at once, PostgreSQL): 1 process ${r.one.timersPerSecond.toFixed(1)} (${lag(r.one)}) ` +
      `vs 2 processes ${r.two.timersPerSecond.toFixed(1)} [${r.two.perProcess.join(' + ')}] (${lag(r.two)}) → ratio 2/1 ${r.ratio!.toFixed(2)}`,
    `    fires/s per process: one process ${r.one.timersPerSecond.toFixed(1)}, two processes ${perProcess(r.two)} ` +
      `(goal ≥ ${TIMER_GOALS.firesPerSecondPerProcess}, ${meets(r.one.timersPerSecond >= TIMER_GOALS.firesPerSecondPerProcess)}); ` +
      `per CPU-second ${r.one.perProcessPerCpuSecond?.map((v) => v.toFixed(1)).join(', ')} (one) / ${r.two.perProcessPerCpuSecond?.map((v) => v.toFixed(1)).join(' + ')} (two); ` +
      `two processes p95 lag ${(r.two.lagMs.p95 / 1000).toFixed(1)} s (goal ≤ ${TIMER_GOALS.twoProcessP95LagMs / 1000} s, ${meets(r.two.lagMs.p95 <= TIMER_GOALS.twoProcessP95LagMs)})`,
  ].join('\n');
}

if (require.main === module) {
  timersBench()
    .then((r) => {
      console.log(describeTimers(r));
      console.log(JSON.stringify(r, null, 2));
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
