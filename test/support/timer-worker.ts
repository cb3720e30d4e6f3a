/**
 * One API process for the multi-process timer test and benchmark: boots the real application
 * (createApp) against the database and schema given in the environment, with the real TimerPoller
 * polling every TIMER_POLL_MS, and reports on stdout (one JSON object per line) how many timers
 * *this* process fired. Commands arrive on stdin, one JSON object per line:
 *   {"advance": ms}  moves this process's application clock (timers fall due on it);
 *   {"stop": true}   reports the firing times (wall clock, ms) and exits after a clean shutdown.
 * With HOLD_AFTER_FIRES=k the process fires k timers of a batch (inside its transaction, not yet
 * committed), reports `holding` and waits with the batch's rows locked, to be killed mid-batch.
 *
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register test/support/timer-worker.ts
 *
 * Environment: DATABASE_URL, DATABASE_SCHEMA, DATA_DIR, PROCESSES_DIR, TIMER_POLL_MS (small),
 * CLOCK_OFFSET_MS (initial application clock offset), WORKER_NAME.
 */
import 'reflect-metadata';
import { ProcessRuntime, TimerPoller } from '@app/workflow';
import { EngineSession } from '../../libs/workflow/src/engine-session';
import { bootWorkerApp, obeyCommands, runWorker, workerReporter } from './worker-boot';

const { send } = workerReporter('worker');

async function main(): Promise<void> {
  const { app, clock } = await bootWorkerApp();

  // Count what this process fires: the poller's drain calls fireDueTimers once per batch and gets
  // the number of timers handled after the batch's transaction committed.
  const runtime = app.get(ProcessRuntime);
  const fireBatch = runtime.fireDueTimers.bind(runtime);
  const firedAt: number[] = [];
  // Engines recovered while firing (cold fires); the warmer's loading ahead is not counted.
  let firing = false;
  let coldFires = 0;
  const recover = EngineSession.recover.bind(EngineSession);
  EngineSession.recover = (...args: Parameters<typeof EngineSession.recover>) => {
    if (firing) coldFires++;
    return recover(...args);
  };
  // CPU of the firing alone, apart from the warmer's loading between batches.
  let fireCpuMs = 0;
  runtime.fireDueTimers = async (...args: Parameters<ProcessRuntime['fireDueTimers']>) => {
    firing = true;
    const cpu0 = process.cpuUsage();
    const handled = await fireBatch(...args).finally(() => {
      firing = false;
      const used = process.cpuUsage(cpu0);
      fireCpuMs += (used.user + used.system) / 1000;
    });
    const at = Date.now();
    for (let i = 0; i < handled; i++) firedAt.push(at);
    return handled;
  };
  // Engines this process loaded ahead of their timers (its share of them, when others poll too).
  let warmed = 0;
  const warmTimers = runtime.warmTimers.bind(runtime);
  runtime.warmTimers = async (...args: Parameters<ProcessRuntime['warmTimers']>) => {
    const round = await warmTimers(...args);
    warmed += round.warmed;
    return round;
  };
  // Polls finished: after the first, this process holds its poller slot (TimerShares).
  let polls = 0;
  const poller = app.get(TimerPoller);
  const poll = poller.poll.bind(poller);
  poller.poll = (...args: Parameters<TimerPoller['poll']>) =>
    poll(...args).then((handled) => {
      polls++;
      return handled;
    });
  const hold = Number(process.env.HOLD_AFTER_FIRES ?? 0);
  if (hold > 0) {
    // The one timer fire of a batch, inside its transaction (a private method: test only).
    const fires = runtime as unknown as { fire?: (...args: unknown[]) => Promise<unknown> };
    if (typeof fires.fire !== 'function') throw new Error('no per-timer fire inside a batch to hold in');
    const fireOne = fires.fire.bind(runtime);
    let inFlight = 0;
    fires.fire = async (...args: unknown[]) => {
      const status = await fireOne(...args);
      if (++inFlight === hold) {
        send({ event: 'holding', firedUncommitted: inFlight });
        await new Promise(() => undefined); // until killed
      }
      return status;
    };
  }

  const cpuAtReady = process.cpuUsage();
  const cpuMs = () => {
    const used = process.cpuUsage(cpuAtReady);
    return (used.user + used.system) / 1000;
  };
  let reported = '';
  const progress = setInterval(() => {
    if (`${firedAt.length}/${warmed}/${Math.min(polls, 1)}` !== reported) {
      reported = `${firedAt.length}/${warmed}/${Math.min(polls, 1)}`;
      send({ event: 'progress', fired: firedAt.length, warmed, polled: polls > 0 });
    }
  }, 50);

  obeyCommands(app, clock, send, {
    onStop: () => clearInterval(progress),
    // CPU time of this process: on a shared machine, fires per CPU-second compare where wall time cannot.
    report: () => ({
      fired: firedAt.length,
      firedAt,
      cpuMs: cpuMs(),
      fireCpuMs,
      coldFires,
      warmed,
      heapUsed: process.memoryUsage().heapUsed,
    }),
  });
  send({ event: 'ready', now: clock.now().toISOString() });
}

runWorker(send, main);
