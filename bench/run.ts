import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AuthUser, toAuthUser } from '@app/auth';
import { BlobStore } from '@app/archive';
import { Clock } from '@app/common';
import { CaseService } from '@app/cases';
import {
  buildDocumentDefinition,
  loadTemplates,
  renderBareDocDefinition,
  renderDocument,
} from '@app/documents';
import { Database } from '@app/persistence';
import { loadOrganSealSigner } from '@app/signing';
import { TimerPoller } from '@app/workflow';
import { createApp } from '../apps/api/src/create-app';
import { CONFIRM_PATH, driveCase, servedToday } from '../apps/api/src/demo/drive';
import { seedReferenceData } from '../apps/api/src/demo/reference-data';
import { referenceDataRepository } from '../apps/api/src/demo/reference-data.repository';
import { assessmentBench } from './assessment-bench';
import { benchRepository } from './bench.repository';
import { dibaoModel, runBareLifecycle } from './bare-engine';
import { describeTimers, timersBench } from './timers-bench';

const CASES = Number(process.env.BENCH_CASES ?? 6);
const NOTICES = Number(process.env.BENCH_NOTICES ?? 30);
const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 100_000);

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** (a) whole 低保 lifecycles: persisted host (with documents) vs bare bpmn-engine in memory. */
async function lifecycle() {
  const source = dibaoModel();
  const variables = { applicantName: '王建国', nearRelative: false, regionCode: '410799100201' };
  await runBareLifecycle(source, CONFIRM_PATH, variables); // warm-up
  let bareSteps = 0;
  const bareStart = process.hrtime.bigint();
  for (let i = 0; i < CASES * 5; i++) bareSteps += await runBareLifecycle(source, CONFIRM_PATH, variables);
  const bareRate = bareSteps / seconds(bareStart);

  process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-bench-'));
  process.env.TIMER_POLL_MS = '0';
  const app = await createApp({ logger: false });
  const db = app.get(Database);
  await db.transaction((em) => seedReferenceData(em));
  const users: AuthUser[] = (await db.read((em) => referenceDataRepository.users(em))).map(toAuthUser);
  const staff = users.filter((u) => u.role !== 'applicant');
  const clerk = users.find((u) => u.username === 'clerk')!;
  const cases = app.get(CaseService);
  const poller = app.get(TimerPoller);
  const application = {
    program: 'dibao',
    regionCode: '410799100201',
    applicant: { name: '王建国', idNumber: '410799198103050012', address: '平安县城关镇东关村3组12号' },
    members: [{ name: '王建国', idNumber: '410799198103050012', relation: '本人' }],
    nearRelative: false,
  };
  let hostSteps = 0;
  let farFuture = Date.now();
  // Served today: a service date before the notice's issue date is refused.
  const answers = servedToday(CONFIRM_PATH, app.get(Clock).today());
  const hostStart = process.hrtime.bigint();
  for (let i = 0; i < CASES; i++) {
    const kase = await cases.apply(clerk, application);
    hostSteps += (await driveCase(cases, staff, kase.id, answers)).length;
    farFuture += 8 * 86_400_000;
    hostSteps += await poller.poll(new Date(farFuture));
    hostSteps += (await driveCase(cases, staff, kase.id, answers)).length;
  }
  const hostRate = hostSteps / seconds(hostStart);
  const documents = await db.read((em) => benchRepository.archivedDocuments(em));
  await app.close();
  return {
    bareStepsPerSecond: bareRate,
    hostStepsPerSecond: hostRate,
    ratio: hostRate / bareRate,
    hostSteps,
    hostDocuments: documents,
  };
}

/** (b) signed, archived notices vs bare pdfmake rendering of the same document. */
async function notices() {
  const template = loadTemplates('templates').get('confirmation-notice')!;
  const input = {
    template,
    data: template.manifest.sample,
    number: '平民低确〔2026〕1号',
    issuedAt: new Date('2026-11-23T02:00:00Z'),
    verifyCode: '0123456789ABCDEF',
    verifyUrl: 'http://localhost:3000/api/verify/0123456789ABCDEF',
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-bench-sign-'));
  const signer = await loadOrganSealSigner('平安县民政局', { dataDir: dir });
  const store = new BlobStore(path.join(dir, 'archive'));
  const definition = () => buildDocumentDefinition(input);
  await renderBareDocDefinition(definition()); // warm-up: fonts load once per process

  const bareStart = process.hrtime.bigint();
  for (let i = 0; i < NOTICES; i++) await renderBareDocDefinition(definition());
  const bareRate = NOTICES / seconds(bareStart);

  let signed: Buffer = Buffer.alloc(0);
  const fullStart = process.hrtime.bigint();
  for (let i = 0; i < NOTICES; i++) {
    const pdf = await renderDocument({ ...input, verifyCode: `0123456789ABC${String(i).padStart(3, '0')}` });
    signed = await signer.sign(pdf, { reason: '最低生活保障确认通知书', signingTime: new Date() });
    await store.put(signed);
  }
  const fullRate = NOTICES / seconds(fullStart);
  const pages = (signed.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  return {
    barePdfmakePerSecond: bareRate,
    signedArchivedPerSecond: fullRate,
    ratio: fullRate / bareRate,
    bytesPerPage: Math.round(signed.length / pages),
    pages,
  };
}

/** The assessment lines: measured beside the goals of issue 16 (CPU of one core, wall clock beside). */
function describeAssessment(a: Awaited<ReturnType<typeof assessmentBench>>): string {
  const meets = (ok: boolean) => (ok ? '达标' : '未达标');
  return [
    `(c) assessments/s on one core, 4-person worked example: ${a.workedExample4PerSecondOneCore.toFixed(0)} per CPU-second (goal ≥ ${a.goalPerSecondOneCore}, ${meets(a.workedExample4PerSecondOneCore >= a.goalPerSecondOneCore)}); wall clock ${a.workedExample4PerSecondWallClock.toFixed(0)}; mixed households ${a.assessmentsPerSecondOneCore.toFixed(0)} per CPU-second (wall ${a.assessmentsPerSecondWallClock.toFixed(0)})`,
    `    re-assess ${a.households} stored households after a parameter change ${a.reassessSeconds.toFixed(1)} s vs read them ${a.readSeconds.toFixed(1)} s → ratio ${a.ratio.toFixed(2)} (goal ≤ ${a.goalRatio}, ${meets(a.ratio <= a.goalRatio)}); CPU ${a.reassessCpuSeconds.toFixed(1)} s vs ${a.readCpuSeconds.toFixed(1)} s → ratio ${a.cpuRatio.toFixed(2)} (${meets(a.cpuRatio <= a.goalRatio)})`,
  ].join('\n');
}

async function main() {
  const previous = fs.existsSync(path.join('bench', 'results.json'))
    ? JSON.parse(fs.readFileSync(path.join('bench', 'results.json'), 'utf8'))
    : {};
  // BENCH_ONLY=assessment runs that part alone and keeps the other figures of the last full run.
  if (process.env.BENCH_ONLY === 'assessment') {
    const assessment = await assessmentBench(HOUSEHOLDS);
    // The machine's load beside the figures: on a shared machine they are only comparable at equal load.
    const results = {
      ...previous,
      assessmentMeasuredAt: new Date().toISOString(),
      assessmentMachine: { cpus: os.cpus().length, node: process.version, loadAverage1m: os.loadavg()[0] },
      assessment,
    };
    fs.writeFileSync(path.join('bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
    console.log(describeAssessment(assessment));
    console.log(
      `load average (1 min) ${results.assessmentMachine.loadAverage1m.toFixed(2)} on ${results.assessmentMachine.cpus} CPUs`,
    );
    return;
  }
  const results = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version, loadAverage1m: os.loadavg()[0] },
    lifecycle: await lifecycle(),
    notices: await notices(),
    assessment: await assessmentBench(HOUSEHOLDS),
    timers: await timersBench(),
  };
  fs.writeFileSync(path.join('bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
  const l = results.lifecycle;
  const n = results.notices;
  console.log(
    `(a) 低保 lifecycle steps/s: persisted host ${l.hostStepsPerSecond.toFixed(1)} (with ${l.hostDocuments} signed documents) vs bare bpmn-engine ${l.bareStepsPerSecond.toFixed(1)} → ratio ${l.ratio.toFixed(3)}`,
  );
  console.log(
    `(b) notices/s: signed + archived ${n.signedArchivedPerSecond.toFixed(1)} vs bare pdfmake ${n.barePdfmakePerSecond.toFixed(1)} → ratio ${n.ratio.toFixed(3)}; ${n.bytesPerPage} bytes/page (${n.pages} pages)`,
  );
  console.log(describeAssessment(results.assessment));
  console.log(describeTimers(results.timers));
  console.log('written to bench/results.json');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
