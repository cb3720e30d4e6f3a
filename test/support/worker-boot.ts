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
  const app = await createApp({ logger: ['error'] });
  const clock = app.get(Clock);
  clock.advance(Number(process.env.CLOCK_OFFSET_MS ?? 0));
  return { app, clock };
}
