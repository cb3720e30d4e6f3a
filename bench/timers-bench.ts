/**
 * (d) Durable timers at scale on PostgreSQL, on a tiny model (start → timer → user task). Each
 * poller is a separate OS process running the real application (test/support/timer-worker.ts),
 * with the real TimerPoller and its warmer as in production; fires commit the new state, task and
 * activity log in batches of TIMER_BATCH_SIZE (the application's default unless BENCH_TIMER_BATCH).
 *
 * - Ahead (as real 公示 and deadline timers are): the timers are created while the processes run,
 *   all due at one instant T0 = creation + BENCH_TIMER_LEAD_MS (default 2 min); the warmer loads
 *   what its hot set holds (TIMER_WARM_MAX, the default unless BENCH_TIMER_WARM_MAX) before T0.
 *   BENCH_TIMERS_HOT (default 2,000, what the default hot set holds) due by one process: its fires
 *   are hot. BENCH_TIMERS (10,000) due by two processes: the goal of issue 19.
 * - Cold backlog: BENCH_TIMERS already overdue when the processes start (their clocks are moved
 *   past T0 at once), fired by one process, then a fresh set by two: every fire recovers its engine.
 *
 * BENCH_TIMER_RUNS (e.g. `aheadTwo`) runs only the named runs of one, two, hotOne, aheadTwo.
 *
 * Lag: the wall-clock time from a timer's due moment T0 to the commit of the batch that fired it.
 * With all due at once it measures the backlog drain — p50 ≈ half the drain time — not the polling
 * interval; the poll interval (TIMER_POLL_MS) only adds to the first timer's lag.
 */
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Database } from '@app/persistence';
import { Engine } from 'bpmn-engine';
import { expressions, moddleOptions } from '@app/process-models';
import { DurableTimers, ProcessRuntime } from '@app/workflow';
import { createApp } from '../apps/api/src/create-app';
import { TimerWorker, until } from '../test/support/timer-workers';
import { benchRepository } from './bench.repository';

const DAY = 86_400_000;

export interface TimerRun {
  /** `ahead`: created BENCH_TIMER_LEAD_MS before they fall due; `cold`: overdue at process start. */
  kind: 'ahead' | 'cold';
  processes: number;
  timers: number;
  /** For `ahead`: ms from the timers' creation to their due moment. */
  leadMs?: number;
  /** Fires that recovered their engine from the stored state (the rest used one loaded ahead). */
  coldFires: number[];
  seconds: number;
  timersPerSecond: number;
  /** Timers each process fired. */
  perProcess: number[];
  /** Each process's fires per second of the drain. */
  perProcessPerSecond: number[];
  /** Each process's fires per CPU-second it used from ready to stop (comparable on a shared machine). */
  perProcessPerCpuSecond: number[];
  /** Each process's fires per CPU-second of its firing alone (without the warmer's loading). */
  perProcessPerFiringCpuSecond: number[];
  lagMs: { p50: number; p95: number; p99: number; max: number };
  /** 1-minute load average when the run began and when it ended. */
  load: [number, number];
}

/** The same fire by bare bpmn-engine in memory: no database, no host. */
export interface BareTimerFires {
  /** Recover from the saved state (JSON text), resume, fire, save the state as JSON. */
  coldPerCpuSecond: number;
  /** Fire an engine already loaded and save its state as JSON. */
  hotPerCpuSecond: number;
}

export interface TimersBenchResult {
  skipped?: string;
  /** The ceiling bpmn-engine itself sets, measured in this process. */
  bare?: BareTimerFires;
  timers?: number;
  /** Created ahead: one process firing what its hot set holds, two processes firing `timers`. */
  hotOne?: TimerRun;
  aheadTwo?: TimerRun;
  /** Overdue at process start (cold backlog). */
  one?: TimerRun;
  two?: TimerRun;
  /** two-process rate / one-process rate, cold */
  ratio?: number;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface RunPlan {
  processes: number;
  count: number;
  /** The workers' application clock offset at start. */
  offsetMs: number;
  /** ahead: make the timers (on the seed instance's clones) due leadMs after they are made. */
  ahead?: { leadMs: number; make: (dueAt: Date) => Promise<void> };
}

async function run(plan: RunPlan, env: Record<string, string>): Promise<TimerRun> {
  const load0 = os.loadavg()[0];
  const workers = Array.from(
    { length: plan.processes },
    (_, i) => new TimerWorker(`P${i + 1}`, { ...env, CLOCK_OFFSET_MS: String(plan.offsetMs) }),
  );
  try {
    await Promise.all(workers.map((w) => w.ready()));
    let t0: number;
    if (plan.ahead) {
      t0 = Date.now() + plan.ahead.leadMs;
      await plan.ahead.make(new Date(t0 + plan.offsetMs));
    } else {
      t0 = Date.now();
      await Promise.all(workers.map((w) => w.advance(2 * DAY)));
    }
    await until(workers, () => workers.reduce((sum, w) => sum + w.fired, 0) >= plan.count, 'all fired');
    const reports = await Promise.all(workers.map((w) => w.stop()));
    const firedAt = reports.flatMap((r) => r.firedAt ?? []);
    const seconds = (Math.max(...firedAt) - t0) / 1000;
    const lags = firedAt.map((at) => at - t0).sort((a, b) => a - b);
    return {
      kind: plan.ahead ? 'ahead' : 'cold',
      processes: plan.processes,
      timers: firedAt.length,
      ...(plan.ahead && { leadMs: plan.ahead.leadMs }),
      coldFires: reports.map((r) => Number(r.coldFires ?? 0)),
      seconds,
      timersPerSecond: firedAt.length / seconds,
      perProcess: reports.map((r) => r.fired ?? 0),
      perProcessPerSecond: reports.map((r) => (r.fired ?? 0) / seconds),
      perProcessPerCpuSecond: reports.map((r) => (r.fired ?? 0) / (Number(r.cpuMs) / 1000)),
      perProcessPerFiringCpuSecond: reports.map((r) => (r.fired ?? 0) / (Number(r.fireCpuMs) / 1000)),
      lagMs: {
        p50: percentile(lags, 50),
        p95: percentile(lags, 95),
        p99: percentile(lags, 99),
        max: lags[lags.length - 1],
      },
      load: [load0, os.loadavg()[0]],
    };
  } finally {
    for (const w of workers) await w.kill();
  }
}

const TINY_TIMER = path.join(__dirname, '../test/fixtures/models/tiny-timer.bpmn');

function cpuMs(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Fires the tiny model's timer `count` times with bare bpmn-engine, cold (recovered from its saved
 * state, as every fire of a 10,000 backlog is) and hot, and returns fires per CPU-second of this
 * process: what no host around the engine can beat.
 */
export async function bareTimerFires(
  count = Number(process.env.BENCH_BARE_TIMERS ?? 500),
): Promise<BareTimerFires> {
  const source = fs.readFileSync(TINY_TIMER, 'utf8');
  const later = () => new Date(Date.now() + 2 * DAY);
  const options = (timers: DurableTimers) => ({
    name: 'bare',
    moddleOptions,
    expressions,
    timers,
    settings: { enableDummyService: false },
  });
  // The engine's own typings do not know a registered timer API returning our handle.
  const engineOf = (timers: DurableTimers, extra: object = {}) =>
    new Engine({ ...options(timers), ...extra } as unknown as ConstructorParameters<typeof Engine>[0]);
  const started = await engineOf(new DurableTimers(), { source }).execute({ listener: new EventEmitter() });
  await settle();
  const saved = JSON.stringify(started.getState());
  const cold = async () => {
    const timers = new DurableTimers(later);
    const execution = await engineOf(timers)
      .recover(JSON.parse(saved))
      .resume({ listener: new EventEmitter() });
    await settle();
    if (!timers.fire('Timer_Wait')) throw new Error('bare engine: timer not armed after recovery');
    await settle();
    JSON.stringify(execution.getState());
  };
  const hotEngines = async (n: number) => {
    const ready: { timers: DurableTimers; execution: { getState(): object } }[] = [];
    for (let i = 0; i < n; i++) {
      const timers = new DurableTimers(later);
      const execution = await engineOf(timers)
        .recover(JSON.parse(saved))
        .resume({ listener: new EventEmitter() });
      await settle();
      ready.push({ timers, execution });
    }
    return ready;
  };
  for (let i = 0; i < 50; i++) await cold(); // warm-up
  let start = cpuMs();
  for (let i = 0; i < count; i++) await cold();
  const coldMs = cpuMs() - start;
  const hot = await hotEngines(count);
  start = cpuMs();
  for (const { timers, execution } of hot) {
    timers.fire('Timer_Wait');
    await settle();
    JSON.stringify(execution.getState());
  }
  const hotMs = cpuMs() - start;
  return { coldPerCpuSecond: (1000 * count) / coldMs, hotPerCpuSecond: (1000 * count) / hotMs };
}

export async function timersBench(
  count = Number(process.env.BENCH_TIMERS ?? 10_000),
): Promise<TimersBenchResult> {
  const bare = await bareTimerFires();
  if (!process.env.DATABASE_URL) {
    return { bare, skipped: '需要 PostgreSQL：设置 DATABASE_URL 后运行（多个进程无法共享 PGlite）' };
  }
  const schema = `bench_timers_${process.pid}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-bench-timers-'));
  fs.mkdirSync(path.join(dir, 'processes'));
  fs.copyFileSync(TINY_TIMER, path.join(dir, 'processes', 'tiny-timer.bpmn'));
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
    const runs = new Set((process.env.BENCH_TIMER_RUNS ?? 'one,two,hotOne,aheadTwo').split(','));
    const only = <T>(name: string, go: () => Promise<T>) => (runs.has(name) ? go() : undefined);
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
        // A cold batch not run is not made: later runs' clocks are past it and would fire it.
        if (!runs.has(batch)) continue;
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
      ...(process.env.BENCH_TIMER_WARM_MAX && { TIMER_WARM_MAX: process.env.BENCH_TIMER_WARM_MAX }),
    };
    const leadMs = Number(process.env.BENCH_TIMER_LEAD_MS ?? 120_000);
    const hotCount = Number(process.env.BENCH_TIMERS_HOT ?? 2000);
    const ahead = (prefix: string, n: number) => ({
      leadMs,
      make: (dueAt: Date) =>
        db.transaction((em) =>
          benchRepository.cloneWithTimers(em, {
            instanceId: instance.id,
            prefix,
            count: n,
            elementId: 'Timer_Wait',
            dueAt,
          }),
        ),
    });
    // clock day 0 → day 2: "one" due
    const one = await only('one', () => run({ processes: 1, count, offsetMs: 0 }, env));
    // day 2 → day 4: "two" due
    const two = await only('two', () => run({ processes: 2, count, offsetMs: 2 * DAY }, env));
    // Day 5 on: the cold batches are all fired; these fall due on the real clock's pace.
    const hotOne = await only('hotOne', () =>
      run({ processes: 1, count: hotCount, offsetMs: 5 * DAY, ahead: ahead('bench-hot-', hotCount) }, env),
    );
    const aheadTwo = await only('aheadTwo', () =>
      run({ processes: 2, count, offsetMs: 6 * DAY, ahead: ahead('bench-ahead-', count) }, env),
    );
    const left = await db.read((em) => benchRepository.pendingTimers(em));
    if (left !== 0) throw new Error(`${left} timers left pending`);
    return {
      bare,
      timers: count,
      hotOne,
      aheadTwo,
      one,
      two,
      ratio: one && two ? two.timersPerSecond / one.timersPerSecond : undefined,
    };
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
  const bare = r.bare
    ? `    bare bpmn-engine, same model, in memory: ${r.bare.coldPerCpuSecond.toFixed(0)} fires per CPU-second recovered from the saved state, ` +
      `${r.bare.hotPerCpuSecond.toFixed(0)} with the engine already loaded (a fire run at due time; a fire prepared ahead runs no engine then)`
    : '';
  if (r.skipped) return [`(d) durable timers: skipped — ${r.skipped}`, bare].join('\n');
  const meets = (ok: boolean) => (ok ? '达标' : '未达标');
  const line = (name: string, x: TimerRun) =>
    `    ${name}: ${x.timers} by ${x.processes} process${x.processes > 1 ? 'es' : ''}` +
    `${x.leadMs ? `, made ${(x.leadMs / 1000).toFixed(0)} s before due` : ', overdue at start'}: ` +
    `drain ${x.seconds.toFixed(1)} s, ${x.perProcessPerSecond.map((v) => v.toFixed(1)).join(' + ')} fires/s ` +
    `(${x.perProcessPerFiringCpuSecond.map((v) => v.toFixed(1)).join(' + ')} per CPU-second of firing, ` +
    `${x.perProcessPerCpuSecond.map((v) => v.toFixed(1)).join(' + ')} of the whole process), ` +
    `cold fires ${x.coldFires.join(' + ')}, lag p50 ${(x.lagMs.p50 / 1000).toFixed(1)} / p95 ${(x.lagMs.p95 / 1000).toFixed(1)} / ` +
    `p99 ${(x.lagMs.p99 / 1000).toFixed(1)} s, load ${x.load.map((l) => l.toFixed(1)).join('→')}`;
  const hot = r.hotOne;
  const goal2 = r.aheadTwo ?? r.two;
  return [
    `(d) durable timers (PostgreSQL, worker processes, all due at one instant):`,
    hot ? line('ahead, hot', hot) : '',
    r.aheadTwo ? line('ahead', r.aheadTwo) : '',
    r.one ? line('cold backlog', r.one) : '',
    r.two ? line('cold backlog', r.two) : '',
    hot && goal2
      ? `    goals: ≥ ${TIMER_GOALS.firesPerSecondPerProcess} fires/s per process: ${hot.perProcessPerSecond[0].toFixed(1)} hot ` +
        `(${meets(hot.perProcessPerSecond[0] >= TIMER_GOALS.firesPerSecondPerProcess)}); ` +
        `${r.timers} by two processes p95 lag ≤ ${TIMER_GOALS.twoProcessP95LagMs / 1000} s: ${(goal2.lagMs.p95 / 1000).toFixed(1)} s ` +
        `(${meets(goal2.lagMs.p95 <= TIMER_GOALS.twoProcessP95LagMs)})`
      : '',
    bare,
  ]
    .filter(Boolean)
    .join('\n');
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
