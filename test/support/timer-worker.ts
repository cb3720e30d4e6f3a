/**
 * One API process for the multi-process timer test and benchmark: boots the real application
 * (createApp) against the database and schema given in the environment, with the real TimerPoller
 * polling every TIMER_POLL_MS, and reports on stdout (one JSON object per line) how many timers
 * *this* process fired. Commands arrive on stdin, one JSON object per line:
 *   {"advance": ms}  moves this process's application clock (timers fall due on it);
 *   {"stop": true}   reports the firing times (wall clock, ms) and exits after a clean shutdown.
 *
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register test/support/timer-worker.ts
 *
 * Environment: DATABASE_URL, DATABASE_SCHEMA, DATA_DIR, PROCESSES_DIR, TIMER_POLL_MS (small),
 * CLOCK_OFFSET_MS (initial application clock offset), WORKER_NAME.
 */
import 'reflect-metadata';
import { ProcessRuntime } from '@app/workflow';
import { bootWorkerApp, obeyCommands, runWorker, workerReporter } from './worker-boot';

const { send } = workerReporter('worker');

async function main(): Promise<void> {
  const { app, clock } = await bootWorkerApp();

  // Count what this process fires: the poller's drain calls fireNextDueTimer once per timer and
  // gets true after the timer's transaction committed.
  const runtime = app.get(ProcessRuntime);
  const fireNext = runtime.fireNextDueTimer.bind(runtime);
  const firedAt: number[] = [];
  runtime.fireNextDueTimer = async (now?: Date) => {
    const fired = await fireNext(now);
    if (fired) firedAt.push(Date.now());
    return fired;
  };

  let reported = -1;
  const progress = setInterval(() => {
    if (firedAt.length !== reported) {
      reported = firedAt.length;
      send({ event: 'progress', fired: reported });
    }
  }, 50);

  obeyCommands(app, clock, send, {
    onStop: () => clearInterval(progress),
    report: () => ({ fired: firedAt.length, firedAt }),
  });
  send({ event: 'ready', now: clock.now().toISOString() });
}

runWorker(send, main);
