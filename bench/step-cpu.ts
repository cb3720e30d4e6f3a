import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Session } from 'node:inspector/promises';
import { withCheckDigit } from '@app/assistance';
import { AuthUser, toAuthUser } from '@app/auth';
import { Clock } from '@app/common';
import { CaseService, CaseStarter, DocumentIssuer, DutyService } from '@app/cases';
import { CaseFactsService } from '@app/cases';
import { AuditService } from '@app/audit';
import { DefinitionService, ProcessRuntime } from '@app/workflow';
import { EngineSession } from '../libs/workflow/src/engine-session';
import { DocumentPipeline } from '@app/issuance';
import { Database } from '@app/persistence';
import { PreparedPGlitePool } from '../libs/persistence/src/driver/pglite-pool';
import { TimerPoller } from '@app/workflow';
import { createApp } from '../apps/api/src/create-app';
import { CONFIRM_PATH, driveCase, servedToday } from '../apps/api/src/demo/drive';
import { signAtWindow } from '../apps/api/src/demo/window-signatures';
import { seedReferenceData } from '../apps/api/src/demo/reference-data';
import { referenceDataRepository } from '../apps/api/src/demo/reference-data.repository';

/**
 * Main-thread CPU of the 低保 lifecycle's steps in the persisted host (the documents' pool threads
 * left out): BENCH_CASES cases after a warm-up case; PROFILE=<file> writes a CPU profile of them.
 * Run two trees of the code side by side, alternating, to compare their ratio under the same load.
 */
const CASES = Number(process.env.BENCH_CASES ?? 4);

function threadCpuMs(): number {
  const fields = fs.readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const trace = new Map<string, { n: number; ms: number; bytes: number }>();
let tracing = false;
const stacks = new Map<string, number>();
if (process.env.SQL_TRACE) {
  const original = PreparedPGlitePool.prototype.query;
  PreparedPGlitePool.prototype.query = async function (
    this: PreparedPGlitePool,
    ...args: Parameters<typeof original>
  ) {
    if (!tracing) return original.apply(this, args);
    if (process.env.STACK_RE && new RegExp(process.env.STACK_RE).test(args[0])) {
      const stack = (new Error().stack ?? '')
        .split('\n')
        .filter((l) => /\/(libs|apps)\//.test(l) && !/pglite-pool|persistence\/src\/database/.test(l))
        .slice(0, 6)
        .map((l) => l.trim().replace(/\(.*\/(libs|apps)\//, '($1/'))
        .join(' < ');
      stacks.set(stack, (stacks.get(stack) ?? 0) + 1);
    }
    const t0 = process.hrtime.bigint();
    let resultBytes = 0;
    try {
      const r = await original.apply(this, args);
      resultBytes = JSON.stringify(r.rows ?? []).length;
      return r;
    } finally {
      const key = args[0].replace(/\s+/g, ' ').slice(0, 160);
      const e = trace.get(key) ?? { n: 0, ms: 0, bytes: 0 };
      e.n++;
      e.bytes += resultBytes;
      e.ms += Number(process.hrtime.bigint() - t0) / 1e6;
      trace.set(key, e);
    }
  } as typeof original;
}

/**
 * CALL_CPU=1: main-thread CPU inside each of the driver's calls per step (the background archive
 * runs interleaved with them, so the parts overlap a little).
 */
const calls = new Map<string, number>();
function timeCalls(target: object, names: string[], label: string) {
  for (const name of names) {
    const proto = target as Record<string, (...a: unknown[]) => Promise<unknown>>;
    const original = proto[name];
    proto[name] = async function (this: unknown, ...args: unknown[]) {
      if (!tracing) return original.apply(this, args);
      const key = `${label}.${name}`;
      if (process.env.PROFILE_CALL === key) return profiled(key, () => original.apply(this, args));
      const c0 = threadCpuMs();
      try {
        return await original.apply(this, args);
      } finally {
        calls.set(key, (calls.get(key) ?? 0) + threadCpuMs() - c0);
      }
    };
  }
}
/** PROFILE_CALL=<label.name>: a CPU profile of that call alone (its first measured run), to CALL_PROFILE. */
let profiledOnce = false;
async function profiled<T>(key: string, run: () => Promise<T>): Promise<T> {
  if (profiledOnce) return run();
  profiledOnce = true;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    fs.writeFileSync(process.env.CALL_PROFILE ?? `${key}.cpuprofile`, JSON.stringify(profile));
  }
}
if (process.env.CALL_CPU) {
  timeCalls(
    CaseService.prototype,
    ['detail', 'complete', 'unmetPrerequisites', 'recordEconomics', 'apply'],
    'cases',
  );
  timeCalls(DocumentPipeline.prototype, ['archivePending'], 'pipeline');
  timeCalls(TimerPoller.prototype, ['poll'], 'poller');
  if (process.env.CALL_CPU === '2') {
    timeCalls(CaseStarter.prototype, ['start'], 'starter');
    timeCalls(ProcessRuntime.prototype, ['start', 'complete'], 'runtime');
    timeCalls(DocumentIssuer.prototype, ['issue'], 'issuer');
    timeCalls(CaseFactsService.prototype, ['assertStep'], 'facts');
    timeCalls(DutyService.prototype, ['assertMayPerform', 'resolveNamedStaff'], 'duties');
    timeCalls(AuditService.prototype, ['record'], 'audit');
    timeCalls(DefinitionService.prototype, ['model', 'latest', 'inEffect', 'info'], 'definitions');
    timeCalls(EngineSession.prototype, ['signal'], 'engine');
    timeCalls(EngineSession, ['start'], 'engineStatic');
  }
}

async function main() {
  process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-stepcpu-'));
  process.env.TIMER_POLL_MS = '0';
  const app = await createApp({ logger: false });
  const db = app.get(Database);
  await db.transaction((em) => seedReferenceData(em));
  const users: AuthUser[] = (await db.read((em) => referenceDataRepository.users(em))).map(toAuthUser);
  const staff = users.filter((u) => u.role !== 'applicant');
  const clerk = users.find((u) => u.username === 'clerk')!;
  const cases = app.get(CaseService);
  const poller = app.get(TimerPoller);
  const pipeline = app.get(DocumentPipeline);
  const clock = app.get(Clock);
  await pipeline.warmUp();
  const members = [
    { name: '王建国', idNumber: '410799198103050012', relation: '本人' },
    { name: '刘秀英', idNumber: '41079919830611002X', relation: '配偶' },
    { name: '王小明', idNumber: '410799201109020038', relation: '子女' },
  ];
  const apply = (i: number) => {
    const ms = members.map((m, k) => ({
      ...m,
      idNumber: withCheckDigit(`${m.idNumber.slice(0, 14)}${String(i * 10 + k + 1).padStart(3, '0')}`),
    }));
    return cases.apply(clerk, {
      program: 'dibao',
      regionCode: '410799100201',
      applicant: { name: '王建国', idNumber: ms[0].idNumber, address: '平安县城关镇东关村3组12号' },
      members: ms,
      nearRelative: false,
    });
  };
  let cpu = 0;
  let steps = 0;
  const run = async (i: number, measure: boolean) => {
    const c0 = threadCpuMs();
    const caseId = (await apply(i)).id;
    const c1 = threadCpuMs();
    await signAtWindow(app, clerk, caseId);
    const c2 = threadCpuMs();
    let n = (await driveCase(cases, staff, caseId, servedToday(CONFIRM_PATH, clock.today()))).length;
    clock.advance(8 * 86_400_000);
    n += await poller.poll(clock.now());
    n += (await driveCase(cases, staff, caseId, servedToday(CONFIRM_PATH, clock.today()))).length;
    const c3 = threadCpuMs();
    await pipeline.settled();
    const c4 = threadCpuMs();
    if (measure) {
      cpu += c1 - c0 + (c3 - c2) + (c4 - c3);
      steps += n;
    }
  };
  await run(CASES + 1, false);
  await run(CASES + 2, false);
  const session = new Session();
  if (process.env.PROFILE) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  tracing = true;
  for (let i = 0; i < CASES; i++) await run(i, true);
  tracing = false;
  if (process.env.PROFILE) {
    const { profile } = await session.post('Profiler.stop');
    fs.writeFileSync(process.env.PROFILE, JSON.stringify(profile));
  }
  await app.close();
  console.log(JSON.stringify({ mainCpuMsPerStep: cpu / steps, steps }));
  for (const [k, ms] of [...calls].sort((a, b) => b[1] - a[1]))
    console.log(`${(ms / steps).toFixed(1).padStart(7)} ms/step ${k}`);
  for (const [k, n] of [...stacks].sort((a, b) => b[1] - a[1])) console.log((n / steps).toFixed(2), k);
  if (process.env.SQL_TRACE) {
    const rows = [...trace].sort((a, b) => b[1].ms - a[1].ms);
    const total = rows.reduce((s, [, e]) => s + e.ms, 0);
    const count = rows.reduce((s, [, e]) => s + e.n, 0);
    console.log(
      `sql total ${(total / steps).toFixed(1)} ms/step, ${(count / steps).toFixed(1)} statements/step`,
    );
    for (const [k, e] of rows.slice(0, Number(process.env.SQL_TRACE)))
      console.log(
        `${(e.ms / steps).toFixed(2).padStart(7)} ${(e.n / steps).toFixed(2).padStart(6)} ${String(Math.round(e.bytes / e.n)).padStart(7)} ${k.slice(0, 110)}`,
      );
  }
}

void main();
