import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestApp, pdfText, pdfsig } from './support/test-app';
import { shanghaiDate } from '@app/common';
import { INBOX_PAGE_SIZE } from '@app/cases';
import { apply } from './support/case-driver';

/**
 * README's "A whole case with curl" is a script a reader pastes against `npm start` (outside tester
 * F4: it had stopped running). This runs the README's own bash block, the one place it lives,
 * against the API listening on a port, and checks where it ends: a closed case at the assessed
 * amount and a signed 确认通知书 that the public verification finds genuine.
 */
const README = path.resolve(__dirname, '../README.md');
const SECTION = '## A whole case with curl';

function walkthroughScript(): string {
  const readme = fs.readFileSync(README, 'utf8');
  const start = readme.indexOf(`\n${SECTION}\n`);
  const block = start < 0 ? null : /\n```bash\n([\s\S]*?)\n```/.exec(readme.slice(start));
  if (!block) throw new Error(`README: no bash block under "${SECTION}"`);
  return block[1];
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Asynchronous: the API the script talks to answers from this process. */
function bash(script: string, cwd: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-c', script],
      { cwd, env: { ...process.env, ...env }, maxBuffer: 16 << 20 },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** The inbox page the script asks for (the API's default when it names none). */
function pageSize(script: string): number {
  const limit = /[?&]limit=(\d+)/.exec(script);
  return limit ? Number(limit[1]) : INBOX_PAGE_SIZE;
}

let t: TestApp;
let run: Run;
let dir: string;
let base: string;
const savedPublicUrl = process.env.PUBLIC_URL;

beforeAll(async () => {
  t = await TestApp.start();
  // Other applications due no later than the walkthrough's: its 受理审查 and 送达 come after a
  // full page of the clerk's inbox, so the script only finds them by following the cursor.
  const script = walkthroughScript();
  for (let i = 0; i < pageSize(script); i++) await apply(t);
  base = await t.listen();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-walkthrough-'));
  run = await bash(script, dir, { API: `${base}/api`, no_proxy: '127.0.0.1,localhost' });
}, 600_000);
afterAll(async () => {
  await t?.stop();
  if (savedPublicUrl === undefined) delete process.env.PUBLIC_URL;
  else process.env.PUBLIC_URL = savedPublicUrl;
});

const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));

it('completes every step of the 低保 path without an error', () => {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout.split('\n').filter((line) => line.includes('：'))).toEqual([
    '核对授权书：已签署',
    '受理审查：已办结',
    '家庭经济状况信息核对：已办结',
    '入户调查：已办结',
    '家庭经济状况：已录入',
    '邻里访问：已办结',
    '乡镇初审：已办结',
    '公示结果登记：已办结',
    '县级审核确认：已办结',
    '送达确认通知书：已办结',
  ]);
});

type Task = { name: string; data: Record<string, unknown>; completedAt: string };
const completed = (detail: { tasks: Task[] }, name: string) => detail.tasks.find((x) => x.name === name)!;
const answered = (detail: { tasks: Task[] }, name: string) => completed(detail, name).data;
/** The day (Beijing time) the county decided: the decision's date. */
const decisionDay = (detail: { tasks: Task[] }) =>
  shanghaiDate(new Date(completed(detail, '县级审核确认').completedAt));

it('closes the case confirmed at the amount the assessment gave, from the month after the decision', () => {
  const detail = readJson('case.json');
  const assessed = detail.assessment.result.benefit.totalMonthlyFen;
  expect(detail.assessment.result.minimumLiving.eligible).toBe(true);
  // 东关村 is assessed on the rural standard, 650 元 a month; she earns 420.
  expect(assessed).toBe(23_000);
  expect(answered(detail, '乡镇初审')).toMatchObject({
    opinion: 'eligible',
    proposedAmount: assessed,
    coveredPersons: 1,
  });
  expect(answered(detail, '县级审核确认')).toMatchObject({
    decision: 'confirm',
    amount: assessed,
    coveredPersons: 1,
  });
  expect(detail.case).toMatchObject({ status: 'closed', outcome: 'confirmed', benefitAmountFen: assessed });
  const [year, month] = decisionDay(detail).split('-').map(Number);
  expect(detail.case.benefitStartMonth).toBe(
    month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`,
  );
});

it('dates each act in order, from the application to the service of the decision', () => {
  const detail = readJson('case.json');
  const decided = decisionDay(detail);
  const dates = [
    detail.case.applicationDate,
    detail.case.acceptanceDate,
    answered(detail, '入户调查').visitDate,
    answered(detail, '邻里访问').neighbourVisitDate,
    decided,
    answered(detail, '送达确认通知书').serviceDate,
  ];
  expect(dates.every((d) => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
  expect([...dates].sort()).toEqual(dates);
  // The 公示 ran its seven days between the 初审 and the decision.
  const reviewed = shanghaiDate(new Date(completed(detail, '乡镇初审').completedAt));
  expect((Date.parse(decided) - Date.parse(reviewed)) / 86_400_000).toBeGreaterThanOrEqual(7);
});

it('ends on the public verification of the 确认通知书, issued by the county 民政局', () => {
  const verified = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '');
  expect(verified).toMatchObject({ title: '最低生活保障确认通知书', issuer: '平安县民政局', genuine: true });
});

const poppler = !spawnSync('pdfsig', ['-v']).error;
(poppler ? it : it.skip)(
  'leaves a confirmation.pdf that pdfsig finds validly sealed and that names the organs',
  () => {
    const pdf = fs.readFileSync(path.join(dir, 'confirmation.pdf'));
    expect(pdfsig(pdf)).toContain('Signature is Valid.');
    const text = pdfText(pdf);
    expect(text).toContain('经平安县城关镇人民政府调查、初审和公示');
    expect(text).toContain('月保障金额为230.00元');
    expect(text).toContain('《最低生活保障审核确认办法》第十二条至第十四条');
  },
);

// Last: it runs the script again on the same database.
it('run a second time on the same database, stops at the registration with the reason, before it moves the clock', async () => {
  const moves = async () =>
    (
      await t.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_entry WHERE action = 'demo.clock.move'`,
      )
    )[0].n;
  const movedBefore = await moves();
  const again = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-walkthrough-again-'));
  const second = await bash(walkthroughScript(), again, {
    API: `${base}/api`,
    no_proxy: '127.0.0.1,localhost',
  });
  expect(second.code).not.toBe(0);
  // The server's reason, in Chinese, and nothing after it.
  expect(second.stderr.trim()).toMatch(/^演示已停止：.*不能重复申请$/);
  expect(second.stdout).toBe('');
  expect(await moves()).toBe(movedBefore);
}, 120_000);
