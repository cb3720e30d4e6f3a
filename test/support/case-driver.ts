import {
  FIXTURE_BENEFIT_FEN,
  answersFor,
  Answers,
  calibratedHousehold,
  investigatedHousehold,
  needsEconomics,
  servedToday,
} from '../../apps/api/src/demo/drive';
import { ageOn, withCheckDigit } from '@app/assistance';
import { tinyPdf } from './sample-files';
import { TestApp } from './test-app';

import { CONFIRM_PATH } from '../../apps/api/src/demo/drive';

export { CONFIRM_PATH };

export const USER_FOR_ROLE: Record<string, string> = {
  window_clerk: 'clerk',
  investigator: 'investigator',
  township_reviewer: 'reviewer',
  county_approver: 'approver',
};

export const APPLICATION = {
  program: 'dibao',
  regionCode: '410799100201',
  applicant: {
    name: '王建国',
    idNumber: '410799198103050012',
    address: '平安县城关镇东关村3组12号',
    phone: '13800000000',
  },
  members: [
    { name: '王建国', idNumber: '410799198103050012', relation: '本人' },
    { name: '刘秀英', idNumber: '41079919830611002X', relation: '配偶' },
    { name: '王小明', idNumber: '410799201109020038', relation: '子女' },
  ],
  nearRelative: false,
  authorizationSigned: true,
};

/** DOMAIN.md §3 worked example, with the e2e applicant's family (ages 45, 43, 15 on 2026-11-23). */
const [husband, wife, son] = APPLICATION.members;
/** A 河西镇 household (the township whose one caseworker, hexi_staff, investigates and reviews). */
export const HEXI = {
  ...APPLICATION,
  regionCode: '410799101201',
  applicant: {
    ...APPLICATION.applicant,
    name: '何大山',
    idNumber: withCheckDigit('41079919680512001'),
    address: '平安县河西镇河西村2组5号',
  },
  members: [{ name: '何大山', idNumber: withCheckDigit('41079919680512001'), relation: '本人' }],
};

export const WORKED_EXAMPLE = {
  members: [
    {
      name: husband.name,
      idNumber: husband.idNumber,
      relation: 'applicant',
      cohabitation: { livesTogetherLongTerm: true },
      health: 'healthy',
      incomes: [],
      workType: 'odd_jobs',
    },
    {
      name: wife.name,
      idNumber: wife.idNumber,
      relation: 'spouse',
      cohabitation: { livesTogetherLongTerm: true },
      health: 'chronic_illness',
      incomes: [],
      workType: 'farming',
    },
    {
      name: son.name,
      idNumber: son.idNumber,
      relation: 'child',
      cohabitation: { livesTogetherLongTerm: true },
      health: 'healthy',
      incomes: [],
      workType: 'none',
    },
  ],
  supporters: [],
  assets: {
    depositsFen: 0,
    securitiesFen: 0,
    vehicles: [],
    homes: { count: 1, luxury: false },
    businesses: [],
  },
  exclusionFacts: {},
  rigidExpenditures: [{ kind: 'medical', annualFen: 360_000 }],
};

const applied = new WeakMap<TestApp, number>();

/**
 * The fixture family as the n-th household of a run: the same names, other resident IDs (same
 * birth dates and sexes), so that applications do not duplicate an open or received case.
 */
export function freshFamily(n: number): Pick<typeof APPLICATION, 'applicant' | 'members'> {
  // Three digits of sequence in an 18-digit ID: 0–99 families of up to ten members.
  if (!Number.isInteger(n) || n < 0 || n > 99) throw new Error(`freshFamily(${n}): n must be 0–99`);
  const id = (idNumber: string, k: number) =>
    withCheckDigit(`${idNumber.slice(0, 14)}${String(n * 10 + k).padStart(3, '0')}`);
  const members = APPLICATION.members.map((m, k) => ({ ...m, idNumber: id(m.idNumber, k + 1) }));
  return { applicant: { ...APPLICATION.applicant, idNumber: members[0].idNumber }, members };
}

/** WORKED_EXAMPLE's economics for a case's own members (matched by position, as applied). */
export function workedExampleFor(members: { idNumber: string }[]) {
  return {
    ...WORKED_EXAMPLE,
    members: WORKED_EXAMPLE.members.map((m, k) => ({ ...m, idNumber: members[k]?.idNumber ?? m.idNumber })),
  };
}

/** The economics of WORKED_EXAMPLE for the household of a case made by `apply`. */
export async function workedExampleOf(t: TestApp, caseId: string) {
  const ids = await t.query<{ household: { idNumber: string }[] }>(
    `SELECT household FROM assistance_case WHERE id = $1`,
    [caseId],
  );
  return workedExampleFor(ids[0].household);
}

/**
 * Registers an application as the clerk. The first of a run is APPLICATION itself; later ones,
 * unless the caller names the people, are another household of the same names (freshFamily).
 */
export async function apply(t: TestApp, overrides: Partial<typeof APPLICATION> = {}): Promise<string> {
  const clerk = await t.as('clerk');
  const n = applied.get(t) ?? 0;
  applied.set(t, n + 1);
  const family = n === 0 || overrides.applicant || overrides.members ? {} : freshFamily(n);
  const res = await clerk.post('/api/cases', { ...APPLICATION, ...family, ...overrides });
  if (res.status !== 201) throw new Error(`apply failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export async function openTasks(t: TestApp, caseId: string) {
  const res = await (await t.as('approver')).get(`/api/cases/${caseId}`);
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return res.body.tasks.filter((x: { status: string }) => x.status === 'open');
}

/** The path skipped the economics: record what the investigation found (investigatedHousehold). */
export async function recordInvestigatedEconomics(t: TestApp, caseId: string, investigator = 'investigator') {
  const [kase] = await t.query<{
    program: string;
    economics: unknown;
    household: { idNumber: string; name: string }[];
  }>(`SELECT program, economics, household FROM assistance_case WHERE id = $1`, [caseId]);
  if (kase.economics) return;
  const res = await (
    await t.as(investigator)
  ).put(`/api/cases/${caseId}/economics`, { household: investigatedHousehold(kase.program, kase.household) });
  if (res.status !== 200) throw new Error(`economics: ${res.status} ${JSON.stringify(res.body)}`);
  // Increments (a minor, an elder) come on top of the gap: move the income so the assessment gives
  // the amount the fixture's decisions state.
  const assessed = (await (await t.as(investigator)).get(`/api/cases/${caseId}`).expect(200)).body
    .assessmentStatus.benefitFen;
  if (kase.program !== 'dibao' || !assessed || assessed === FIXTURE_BENEFIT_FEN) return;
  await (
    await t.as(investigator)
  )
    .put(`/api/cases/${caseId}/economics`, {
      household: calibratedHousehold(kase.program, kase.household, assessed),
    })
    .expect(200);
}

/** The keys of the task's model-declared prerequisites (`sa:requires`) the case does not meet yet. */
async function unmetPrerequisites(
  user: Awaited<ReturnType<TestApp['as']>>,
  taskId: string,
): Promise<string[]> {
  const res = await user.get(`/api/tasks/${taskId}`);
  if (res.status !== 200) return [];
  const list = (res.body.prerequisites ?? []) as { key: string; met: boolean }[];
  return list.filter((p) => !p.met).map((p) => p.key);
}

/**
 * Does what the open task waits for, as the office would: the investigator records the economics
 * the step decides on or declares it needs (`sa:requires`), and the adults sign the 授权书 at the window.
 */
export async function meetPrerequisites(
  t: TestApp,
  caseId: string,
  task: { id: string; form: unknown; candidateGroups: string[] },
  users: Record<string, string> = USER_FOR_ROLE,
): Promise<void> {
  const user = await t.as(users[task.candidateGroups[0]] ?? USER_FOR_ROLE[task.candidateGroups[0]]);
  const unmet = await unmetPrerequisites(user, task.id);
  if (needsEconomics(task.form as Parameters<typeof needsEconomics>[0]) || unmet.includes('economics'))
    await recordInvestigatedEconomics(t, caseId, users.investigator ?? 'investigator');
  if (unmet.includes('authorization')) await signAtWindow(t, caseId, users.window_clerk ?? 'clerk');
}

/**
 * Every adult who has not signed the 核对授权书 signs it on paper at the window: the clerk uploads
 * the scan and records each signature.
 */
export async function signAtWindow(t: TestApp, caseId: string, clerkName = 'clerk'): Promise<void> {
  const token = await t.token(clerkName);
  const scan = await t.http
    .post(`/api/cases/${caseId}/attachments`)
    .query({ kind: 'scan', fileName: '核对授权书（签字）.pdf', note: '家庭成员签字的核对授权书' })
    .set('Authorization', `Bearer ${token}`)
    .set('Content-Type', 'application/pdf')
    .send(tinyPdf('authorization'));
  if (scan.status !== 201) throw new Error(`scan: ${scan.status} ${JSON.stringify(scan.body)}`);
  const [kase] = await t.query<{ household: { idNumber: string }[] }>(
    `SELECT household FROM assistance_case WHERE id = $1`,
    [caseId],
  );
  const signed = new Set(
    (
      await t.query<{ signer_id_number: string }>(
        `SELECT signer_id_number FROM authorization_signature WHERE case_id = $1`,
        [caseId],
      )
    ).map((r) => r.signer_id_number),
  );
  const clerk = await t.as(clerkName);
  for (const [memberIndex, m] of kase.household.entries()) {
    if (signed.has(m.idNumber) || ageOn(m.idNumber, t.clock.today()) < 18) continue;
    const res = await clerk.post(`/api/cases/${caseId}/authorization-signatures`, {
      memberIndex,
      attachmentId: scan.body.id,
      identityChecked: true,
    });
    if (res.status !== 200) throw new Error(`window signature: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/**
 * Completes open tasks over HTTP, as the user of the task's role, with answers by field id, until
 * `stopAt` names an open task or nothing is open. Returns the completed task names.
 */
export async function drive(t: TestApp, caseId: string, answers: Answers, stopAt?: RegExp, maxSteps = 30) {
  const done: string[] = [];
  for (let i = 0; i < maxSteps; i++) {
    const open = await openTasks(t, caseId);
    if (!open.length || (stopAt && open.some((x: { name: string }) => stopAt.test(x.name)))) break;
    const task = open[0];
    const user = await t.as(USER_FOR_ROLE[task.candidateGroups[0]]);
    await meetPrerequisites(t, caseId, task);
    const data = answersFor(task.form, servedToday(answers, t.clock.today()));
    // The fixture's figures stand for "what the form proposes": the assessment and the 初审 carried over.
    const figures = (['proposedAmount', 'amount', 'coveredPersons'] as const).filter(
      (k) => k in data && answers[k] === CONFIRM_PATH[k],
    );
    if (figures.length) {
      const { prefill } = (await user.get(`/api/tasks/${task.id}`).expect(200)).body;
      for (const k of figures) if (prefill[k] !== undefined) data[k] = prefill[k];
      // Without an assessment nothing is prefilled: never more persons than the household has.
      if (figures.includes('coveredPersons') && prefill.coveredPersons === undefined) {
        const [{ n }] = await t.query<{ n: number }>(
          `SELECT jsonb_array_length(household)::int AS n FROM assistance_case WHERE id = $1`,
          [caseId],
        );
        data.coveredPersons = Math.min(Number(data.coveredPersons), n);
      }
    }
    const res = await user.post(`/api/tasks/${task.id}/complete`, { data });
    if (res.status !== 200) throw new Error(`${task.name}: ${res.status} ${JSON.stringify(res.body)}`);
    done.push(task.name);
  }
  // Documents may still be rendering in the background (DOCUMENTS_INLINE=0): callers read them next.
  await t.documentsSettled();
  return done;
}
