import * as readline from 'node:readline';
import { Clock } from '@app/common';
import { createApp } from '../../apps/api/src/create-app';

/**
 * What every test worker process shares: its name, one JSON line per message on stdout (the
 * parent reads them), and the real application booted with the clock offset it was given.
 */
export function workerReporter(prefix: string): { name: string; send: (m: Record<string, unknown>) => void } {
  const name = process.env.WORKER_NAME ?? `${prefix}-${process.pid}`;
  return {
    name,
    send: (message) => process.stdout.write(`${JSON.stringify({ name, pid: process.pid, ...message })}\n`),
  };
}

export async function bootWorkerApp() {
  // These processes prove numbering, ledger and recovery with documents archived by the step itself.
  process.env.DOCUMENTS_INLINE ??= '1';
  process.env.DOCUMENT_WORKERS ??= '0';
  const app = await createApp({ logger: ['error'] });
  const clock = app.get(Clock);
  clock.advance(Number(process.env.CLOCK_OFFSET_MS ?? 0));
  return { app, clock };
}

/**
 * The parent's commands on stdin, one JSON object per line: `{"advance": ms}` moves the application
 * clock; `{"stop": true}` runs `onStop`, closes the app cleanly, reports `done` with what `report`
 * returns then (after the close: work finished during it counts) and exits.
 */
export function obeyCommands(
  app: { close(): Promise<void> },
  clock: Clock,
  send: (m: Record<string, unknown>) => void,
  hooks: { onStop?: () => void; report?: () => Record<string, unknown> } = {},
): void {
  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const command = JSON.parse(line) as { advance?: number; stop?: boolean };
    if (command.advance) {
      clock.advance(command.advance);
      send({ event: 'advanced', now: clock.now().toISOString() });
    }
    if (command.stop) {
      hooks.onStop?.();
      lines.close();
      void app.close().then(() => {
        send({ event: 'done', ...hooks.report?.() });
        process.exit(0);
      });
    }
  });
}

/** Runs a worker's main; a failure is reported as an `error` message and exits 1. */
export function runWorker(send: (m: Record<string, unknown>) => void, main: () => Promise<void>): void {
  main().catch((err) => {
    send({ event: 'error', message: String((err as Error)?.stack ?? err) });
    process.exit(1);
  });
}
