/**
 * One API process that listens on HTTP, for the integrity tests that need a real second OS process
 * (two API processes on one schema) or a process that can be killed with SIGKILL mid-request.
 * Boots the real application (createApp: deploys the models, archives documents a crash left
 * pending) against DATABASE_URL/DATABASE_SCHEMA or DATA_DIR (PGlite), listens on 127.0.0.1:PORT
 * (0 = any free port) and prints one JSON line per event on stdout:
 *   {"event":"ready","port":…,"bootMs":…}
 * Commands arrive on stdin, one JSON object per line:
 *   {"advance": ms}  moves this process's application clock;
 *   {"stop": true}   closes the app cleanly and exits 0 ({"event":"done"}).
 *
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register test/support/api-worker.ts
 *
 * Environment: DATABASE_URL, DATABASE_SCHEMA or DATA_DIR, PROCESSES_DIR, PORT, CLOCK_OFFSET_MS,
 * WORKER_NAME, TIMER_POLL_MS.
 */
import 'reflect-metadata';
import { AddressInfo } from 'node:net';
import { bootWorkerApp, obeyCommands, runWorker, workerReporter } from './worker-boot';

const { send } = workerReporter('api');
const started = Date.now();

async function main(): Promise<void> {
  const { app, clock } = await bootWorkerApp();
  await app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;

  obeyCommands(app, clock, send);
  send({ event: 'ready', port, bootMs: Date.now() - started, now: clock.now().toISOString() });
}

runWorker(send, main);
