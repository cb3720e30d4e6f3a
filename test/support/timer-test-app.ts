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
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(await startInstance(t, key, `${prefix}-${i}`));
  return ids;
}

/** Starts one instance of the model `key` in its own transaction; its id. */
export async function startInstance(t: TestApp, key: string, businessKey: string): Promise<string> {
  const runtime = t.app.get(ProcessRuntime);
  const { instance } = await runtime.transaction((em) =>
    runtime.start(em, { definitionKey: key, businessKey, variables: {}, actorId: null }),
  );
  return instance.id;
}

/** Completes the instance's open user task `elementId` as the first account, in its own transaction. */
export async function completeUserTask(t: TestApp, instanceId: string, elementId: string): Promise<void> {
  const runtime = t.app.get(ProcessRuntime);
  const [open] = await t.query<{ id: string }>(
    `SELECT id FROM task WHERE instance_id = $1 AND element_id = $2 AND status = 'open'`,
    [instanceId, elementId],
  );
  const [actor] = await t.query<{ id: string }>(`SELECT id FROM app_user ORDER BY username LIMIT 1`);
  await runtime.transaction(async (em) => {
    const task = await runtime.lockOpenTask(em, open.id);
    await runtime.complete(em, task, { data: {}, actorId: actor.id });
  });
}

interface EngineChild {
  id: string;
  status?: string;
  counters: Record<string, number>;
}

/**
 * A persisted case without what differs between any two runs (ids, times): its engine's elements
 * one by one, its tasks, path and timers — so a fire one way can be compared with a fire another.
 */
export async function persistedCase(t: TestApp, id: string) {
  const [row] = await t.query<{
    state: { definitions: { execution: { processes: unknown[] } }[] };
    version: number;
    status: string;
  }>(`SELECT state, version, status FROM process_instance WHERE id = $1`, [id]);
  const process = row.state.definitions[0].execution.processes[0] as {
    status?: string;
    execution: { children: EngineChild[]; flows: EngineChild[] };
  };
  const elements = [...process.execution.children, ...process.execution.flows]
    .map((c) => ({ id: c.id, status: c.status ?? null, counters: c.counters }))
    .sort((a, b) => a.id.localeCompare(b.id));
  const tasks = await t.query(
    `SELECT element_id, name, status, candidate_groups, due, due_date FROM task WHERE instance_id = $1 ORDER BY element_id, status`,
    [id],
  );
  const path = await t.query(
    `SELECT seq, element_id, event FROM activity_log WHERE instance_id = $1 ORDER BY seq`,
    [id],
  );
  const timers = await t.query(
    `SELECT element_id, status FROM timer WHERE instance_id = $1 ORDER BY created_at`,
    [id],
  );
  return {
    version: row.version,
    status: row.status,
    process: process.status ?? null,
    elements,
    tasks,
    path,
    timers,
  };
}

/** Kills the workers, then stops the API. */
export async function closeTimerTestApp(t: TestApp | undefined, workers: TimerWorker[]): Promise<void> {
  for (const w of workers) await w.kill();
  delete process.env.PROCESSES_DIR;
  await t?.stop();
}
