/**
 * CPU cost of one timer fire in one process, without worker processes (PGlite by default,
 * PostgreSQL with DATABASE_URL): BENCH_TIMERS copies of the tiny timer model's instance fall due at
 * once and are fired batch by batch; CPU is process.cpuUsage() of this process only, so the figure
 * holds on a loaded machine where wall-clock rates do not. TIMERS_CPU_PHASES=1 adds the CPU per
 * fire of each part (recovery, the engine's fire, each statement); TIMERS_CPU_PROFILE=file writes a
 * CPU profile of the firing alone. TIMERS_CPU_HOT=1 first loads every engine with the poller's
 * warmer (as it does ahead of due times) and reports the heap each loaded engine holds; the fires
 * are then hot fires.
 *
 *   BENCH_TIMERS=1000 npx ts-node -r tsconfig-paths/register --transpile-only bench/timers-cpu.ts
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Session } from 'node:inspector/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Database } from '@app/persistence';
import { ProcessRuntime, timerBatchSize } from '@app/workflow';
import { EngineSession } from '../libs/workflow/src/engine-session';
import { timerRepository } from '../libs/workflow/src/timer.repository';
import { instanceRepository } from '../libs/workflow/src/instance.repository';
import { createApp } from '../apps/api/src/create-app';
import { benchRepository } from './bench.repository';

// A full collection before each heap reading, without a command-line flag.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function main() {
  const count = Number(process.env.BENCH_TIMERS ?? 1000);
  const hotRun = !!process.env.TIMERS_CPU_HOT;
  if (hotRun) process.env.TIMER_WARM_MAX = String(count);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-bench-timers-cpu-'));
  fs.mkdirSync(path.join(dir, 'processes'));
  fs.copyFileSync(
    path.join(__dirname, '../test/fixtures/models/tiny-timer.bpmn'),
    path.join(dir, 'processes', 'tiny-timer.bpmn'),
  );
  const schema = `bench_timers_cpu_${process.pid}`;
  Object.assign(process.env, {
    DATA_DIR: path.join(dir, 'data'),
    DATABASE_SCHEMA: schema,
    PROCESSES_DIR: path.join(dir, 'processes'),
    TIMER_POLL_MS: '0',
  });
  const app = await createApp({ logger: false });
  const db = app.get(Database);
  const runtime = app.get(ProcessRuntime);
  const phases: Record<string, number> = {};
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  type Async = (...args: unknown[]) => Promise<unknown>;
  const wrap = (owner: object, name: string, label: string) => {
    const target = owner as Record<string, Async>;
    const original = target[name];
    target[name] = async function (this: unknown, ...args: unknown[]) {
      const a = cpuMs();
      try {
        return await original.apply(this, args);
      } finally {
        phases[label] = (phases[label] ?? 0) + cpuMs() - a;
      }
    };
  };
  if (process.env.TIMERS_CPU_PHASES) {
    wrap(EngineSession, 'recover', 'recover');
    wrap(EngineSession.prototype, 'fireTimer', 'fireTimer');
    wrap(ProcessRuntime.prototype, 'persist', 'persist');
    wrap(ProcessRuntime.prototype, 'fire', 'fire');
    for (const k of ['saveState', 'insertTask', 'logActivities', 'syncTimers'])
      wrap(instanceRepository, k, k);
    const getState = EngineSession.prototype.getState;
    EngineSession.prototype.getState = function (this: EngineSession) {
      const a = cpuMs();
      try {
        return getState.call(this);
      } finally {
        phases.getState = (phases.getState ?? 0) + cpuMs() - a;
      }
    };
    for (const k of ['claimDue', 'openTasks', 'pendingTimers', 'mark', 'savepoint', 'release'])
      wrap(timerRepository, k, k);
  }
  try {
    const { instance } = await runtime.transaction((em) =>
      runtime.start(em, {
        definitionKey: 'h5-tiny-timer',
        businessKey: 'seed',
        variables: {},
        actorId: null,
      }),
    );
    await db.transaction(async (em) => {
      await benchRepository.cancelTimers(em, instance.id);
      await benchRepository.cloneWithTimers(em, {
        instanceId: instance.id,
        prefix: 'c-',
        count,
        elementId: 'Timer_Wait',
        dueDays: 1,
      });
    });
    const now = new Date(Date.now() + 2 * 86_400_000);
    let heapPerEngine: number | null = null;
    let warmCpuPerEngineMs: number | null = null;
    if (hotRun) {
      const heap = () => {
        gc();
        return process.memoryUsage().heapUsed;
      };
      const before = heap();
      const cpuWarm = cpuMs();
      let warmed = 0;
      for (let more = true; more;) {
        const round = await runtime.warmTimers(new Date(), now, 200);
        warmed += round.warmed;
        more = round.more;
      }
      warmCpuPerEngineMs = (cpuMs() - cpuWarm) / warmed;
      heapPerEngine = Math.round((heap() - before) / warmed);
      if (warmed < count) throw new Error(`only ${warmed} of ${count} engines warmed`);
    }
    const profile = process.env.TIMERS_CPU_PROFILE ? new Session() : null;
    if (profile) {
      profile.connect();
      await profile.post('Profiler.enable');
      await profile.post('Profiler.start');
    }
    const cpu0 = process.cpuUsage();
    const t0 = Date.now();
    let fired = 0;
    for (;;) {
      const n = await runtime.fireDueTimers(now, timerBatchSize());
      fired += n;
      if (n < timerBatchSize()) break;
    }
    const used = process.cpuUsage(cpu0);
    if (profile) {
      const { profile: p } = await profile.post('Profiler.stop');
      fs.writeFileSync(process.env.TIMERS_CPU_PROFILE!, JSON.stringify(p));
    }
    const cpuS = (used.user + used.system) / 1e6;
    console.log(
      JSON.stringify({
        hot: hotRun,
        heapBytesPerHotEngine: heapPerEngine,
        warmCpuMsPerEngine: warmCpuPerEngineMs,
        phasesMsPerFire: Object.fromEntries(
          Object.entries(phases).map(([k, v]) => [k, +(v / fired).toFixed(3)]),
        ),
        fired,
        cpuS,
        perCpuSecond: fired / cpuS,
        wallS: (Date.now() - t0) / 1000,
      }),
    );
  } finally {
    if (process.env.DATABASE_URL) await benchRepository.dropSchema(db.dataSource, schema);
    await app.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
