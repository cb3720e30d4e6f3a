import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ProcessRuntime } from '@app/workflow';
import { TestApp } from './test-app';
import { TimerWorker } from './timer-workers';

const ROOT = path.resolve(__dirname, '../..');

/**
 * An API whose processes directory holds only `models` (paths from the repository root), for the
 * specs that run timer workers beside it; `env` is what a worker needs to poll the same schema
 * (two OS processes share PostgreSQL only: these specs run with DATABASE_URL).
 */
export async function timerTestApp(
  prefix: string,
  models: string[],
  extra: Record<string, string> = {},
): Promise<{ t: TestApp; env: Record<string, string> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const model of models) fs.copyFileSync(path.join(ROOT, model), path.join(dir, path.basename(model)));
  process.env.PROCESSES_DIR = dir;
  const t = await TestApp.start();
  const env = t.workerEnv({ PROCESSES_DIR: dir, TIMER_POLL_MS: '25', ...extra });
  return { t, env };
}

/** Starts `n` instances of the model `key`, business keys `prefix-i`, each in its own transaction. */
export async function startInstances(t: TestApp, key: string, n: number, prefix: string): Promise<string[]> {
  const runtime = t.app.get(ProcessRuntime);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { instance } = await runtime.transaction((em) =>
      runtime.start(em, { definitionKey: key, businessKey: `${prefix}-${i}`, variables: {}, actorId: null }),
    );
    ids.push(instance.id);
  }
  return ids;
}

/** Kills the workers, then stops the API. */
export async function closeTimerTestApp(t: TestApp | undefined, workers: TimerWorker[]): Promise<void> {
  for (const w of workers) await w.kill();
  delete process.env.PROCESSES_DIR;
  await t?.stop();
}
