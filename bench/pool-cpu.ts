import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BlobStore } from '@app/archive';
import { loadTemplates, renderDocument } from '@app/documents';
import { createRenderPool, warmRenderPool } from '@app/issuance';
import { loadOrganSealSigner } from '@app/signing';
import { confirmationNotice } from './notice-job';

/**
 * Where the document pool's CPU goes, thread by thread (Linux: /proc/self/task/<tid>/schedstat, in
 * nanoseconds): signed, archived notices from the pool (as `DocumentPipeline` runs them) beside the
 * same notice rendered, signed and archived in this thread, in alternated rounds. Threads that
 * exist before the pool starts are this thread, V8's helpers (compiler, GC) and libuv's; the
 * threads the pool adds are its workers. Run two trees of the code alternately to compare them.
 * BENCH_NOTICES per side and round (default 40), BENCH_ROUNDS (3), BENCH_WARM_RENDERS per thread (8).
 */
const NOTICES = Number(process.env.BENCH_NOTICES ?? 40);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARM = Number(process.env.BENCH_WARM_RENDERS ?? 8);

function taskCpuNs(): Map<string, number> {
  const cpu = new Map<string, number>();
  for (const tid of fs.readdirSync('/proc/self/task')) {
    try {
      cpu.set(tid, Number(fs.readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]));
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return cpu;
}

function delta(
  before: Map<string, number>,
  after: Map<string, number>,
  tids: (tid: string) => boolean,
): number {
  let ns = 0;
  for (const [tid, v] of after) if (tids(tid)) ns += v - (before.get(tid) ?? 0);
  return ns / 1e6;
}

const atStart = new Set(fs.readdirSync('/proc/self/task'));

async function main() {
  const template = loadTemplates('templates').get('confirmation-notice')!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-pool-cpu-'));
  const organ = '平安县民政局';
  const signer = await loadOrganSealSigner(organ, { dataDir: dir });
  const store = new BlobStore(path.join(dir, 'archive'));
  // libuv's threads start with the first file operation: before the pool, so they are not counted as its.
  await store.put(Buffer.from('warm'));
  const { input, job } = confirmationNotice(template, organ, dir);
  const oneThread = async (i: number) => {
    const pdf = await renderDocument({ ...input, verifyCode: `0123456789B${String(i).padStart(5, '0')}` });
    await store.put(await signer.sign(pdf, { reason: '最低生活保障确认通知书', signingTime: new Date() }));
  };
  for (let i = 0; i < WARM; i++) await oneThread(90_000 + i);

  const existing = new Set(taskCpuNs().keys());
  const threads = os.availableParallelism();
  const pool = createRenderPool(threads);
  await warmRenderPool(pool, (i) => job(90_000 + i), WARM);
  const main = String(process.pid);
  const inPool = (tid: string) => !existing.has(tid);
  const helper = (tid: string) => atStart.has(tid) && tid !== main;
  const libuv = (tid: string) => existing.has(tid) && !atStart.has(tid);

  const sides = {
    pool: { docs: 0, wall: 0, total: 0, main: 0, workers: 0, helpers: 0, libuv: 0 },
    one: { docs: 0, wall: 0, total: 0, main: 0, workers: 0, helpers: 0, libuv: 0 },
  };
  let n = 0;
  const measure = async (side: keyof typeof sides, batch: () => Promise<unknown>) => {
    const before = taskCpuNs();
    const start = process.hrtime.bigint();
    await batch();
    const wall = Number(process.hrtime.bigint() - start) / 1e6;
    const after = taskCpuNs();
    const s = sides[side];
    s.docs += NOTICES;
    s.wall += wall;
    s.total += delta(before, after, () => true);
    s.main += delta(before, after, (t) => t === main);
    s.workers += delta(before, after, inPool);
    s.helpers += delta(before, after, helper);
    s.libuv += delta(before, after, libuv);
  };
  for (let round = 0; round < ROUNDS; round++) {
    await measure('pool', () =>
      Promise.all(
        Array.from({ length: NOTICES }, async () => {
          const bytes = (await pool.run(job(n++))) as Uint8Array;
          await store.put(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        }),
      ),
    );
    await measure('one', async () => {
      for (let i = 0; i < NOTICES; i++) await oneThread(n++);
    });
  }
  await pool.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
  const per = (s: (typeof sides)['pool']) => ({
    wallMs: +(s.wall / s.docs).toFixed(1),
    cpuMs: +(s.total / s.docs).toFixed(1),
    mainMs: +(s.main / s.docs).toFixed(1),
    poolThreadsMs: +(s.workers / s.docs).toFixed(1),
    helpersMs: +(s.helpers / s.docs).toFixed(1),
    libuvMs: +(s.libuv / s.docs).toFixed(1),
  });
  const pool_ = per(sides.pool);
  const one = per(sides.one);
  console.log(
    JSON.stringify({
      label: process.env.LABEL ?? '',
      load: os.loadavg()[0],
      pool: pool_,
      one,
      poolOverOne: +(pool_.cpuMs / one.cpuMs).toFixed(3),
    }),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
