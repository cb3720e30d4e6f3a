import { AuthUser } from '@app/auth';
import { CaseService } from '@app/cases';
import { isFieldShown } from '@app/process-models';

/**
 * Answers for form fields, by field id. For choice fields the first listed option the form offers
 * is taken, so one answer set drives any path of any model without knowing its order.
 */
export type Answers = Record<string, unknown>;

export const CONFIRM_PATH: Answers = {
  decision: ['accept', 'confirm'],
  reasons: '经调查核实，家庭人均收入低于当地最低生活保障标准，财产状况符合规定。',
  missingMaterials: ['户口簿复印件'],
  suppliedMaterials: ['户口簿复印件'],
  suppliedDate: '2026-11-20',
  checkReportNo: 'HD-2026-0457',
  checkFindings: '核对中心反馈：无机动车辆、无商品房，存款低于规定标准。',
  cooperation: ['cooperative'],
  investigators: ['赵调查', '冯协理'],
  visitDate: '2026-11-20',
  // The household the drivers record (investigatedHousehold) is healthy: the findings say the same.
  findings: '家中房屋为砖木结构，无机动车，家庭成员身体健康，收入来源单一且不稳定，生活困难属实。',
  neighbourVisit: '走访邻居张某、李某，反映情况属实。',
  neighbourVisitDate: '2026-11-20',
  neighbourVisitors: ['赵调查', '冯协理'],
  stopDecision: ['continue'],
  opinion: ['eligible'],
  proposedAmount: '562',
  coveredPersons: 3,
  // 公示期内无异议: no 异议情况 to record (the 审核确认表 says so; details only come with an objection).
  objection: false,
  recheckMethod: ['reinvestigation'],
  recheckFindings: '复查核实，其子收入已计入家庭收入，家庭人均收入仍低于标准。',
  countyInvestigators: ['孙审批', '周核查'],
  countyVisitDate: '2026-11-21',
  countyFindings: '县级入户核查，情况属实。',
  amount: '562',
  facts: '申请人家庭共3人，经核对和入户调查，家庭月人均收入462.67元，低于当地农村低保标准650元。',
  // What an approver confirming a 低保 family cites: eligibility and amount, not the procedure alone.
  legalBasis:
    '《社会救助暂行办法》第九条、第十一条、第十二条，《最低生活保障审核确认办法》第十二条至第十四条、第二十一条、第二十三条',
  serviceMethod: ['direct'],
  serviceDate: '2026-11-23',
  serviceAddress: '平安县城关镇东关村3组12号',
  recipient: '王建国',
  servers: ['李窗口', '赵调查'],
};

/** Answers that are dates of what the driver does (visits, 补正, 送达), not facts of the fixture. */
const ACTION_DATES = ['suppliedDate', 'visitDate', 'neighbourVisitDate', 'countyVisitDate', 'serviceDate'];

/**
 * The fixture's dates stand for "the day the driver acts": a visit or a 送达 may be dated neither
 * before the application (or the document it serves) nor in the future, so each fixture date
 * becomes `today`.
 */
/**
 * Economics an investigation might verify for a household (applicant first): nobody working-age
 * imputed (no work), no assets, no deductions. For 低保 the applicant earns what leaves the
 * household `dibaoBenefitFen` a month under the standard; for the other programs nobody earns.
 */
export function investigatedHousehold(
  program: string,
  members: { idNumber: string; name: string }[],
  { standardFen = 65_000, dibaoBenefitFen = 56_200 } = {},
) {
  const incomeFen =
    program === 'dibao' ? Math.max(0, (standardFen * members.length - dibaoBenefitFen) * 12) : 0;
  return {
    members: members.map((m, k) => ({
      name: m.name,
      idNumber: m.idNumber,
      relation: k === 0 ? 'applicant' : k === 1 ? 'spouse' : 'child',
      cohabitation: { livesTogetherLongTerm: true },
      health: 'healthy',
      workType: 'none',
      incomes:
        k === 0 && incomeFen > 0 ? [{ kind: 'business', annualFen: incomeFen, source: '核对中心' }] : [],
    })),
    supporters: [],
    assets: {
      depositsFen: 0,
      securitiesFen: 0,
      vehicles: [],
      homes: { count: 1, luxury: false },
      businesses: [],
    },
    exclusionFacts: {},
    rigidExpenditures: [],
  };
}

/** The 低保 amount the fixtures' decisions state (CONFIRM_PATH's 562 元). */
export const FIXTURE_BENEFIT_FEN = 56_200;

/**
 * The same household with the applicant's income moved so that an assessment that gave
 * `assessedFen` (the gap plus any increments for the members) gives `targetFen`: a yuan more income
 * a month is a yuan less benefit, while the household stays under the standard.
 */
export function calibratedHousehold(
  program: string,
  members: { idNumber: string; name: string }[],
  assessedFen: number,
  targetFen = FIXTURE_BENEFIT_FEN,
) {
  return investigatedHousehold(program, members, { dibaoBenefitFen: 2 * targetFen - assessedFen });
}

/**
 * A step that proposes, decides or completes a grant needs the assessment (先行救助 excepted):
 * a driver records the investigated economics before it when the path it drives skipped them.
 */
export function needsEconomics(fields: { id: string }[]): boolean {
  const ids = fields.map((f) => f.id);
  if (ids.includes('emergencyAction')) return false;
  return ['opinion', 'proposedAmount', 'amount', 'coveredPersons', 'approvalDecision', 'completionDate'].some(
    (id) => ids.includes(id),
  );
}

export function servedToday(answers: Answers, today: string): Answers {
  const out = { ...answers };
  for (const key of ACTION_DATES) if (key in out && out[key] === CONFIRM_PATH[key]) out[key] = today;
  return out;
}

export function answersFor(
  fields: { id: string; type: string; options: { id: string }[]; showIf?: string }[],
  answers: Answers,
) {
  const data: Record<string, unknown> = {};
  for (const field of fields) {
    if (!(field.id in answers)) continue;
    const answer = answers[field.id];
    if (field.type === 'enum') {
      const prefs = Array.isArray(answer) ? answer : [answer];
      const chosen = prefs.find((p) => field.options.some((o) => o.id === p));
      if (chosen !== undefined) data[field.id] = chosen;
    } else if (field.type !== 'list' && Array.isArray(answer)) {
      data[field.id] = answer[0];
    } else {
      data[field.id] = answer;
    }
  }
  // A field the answers hide (补正 materials when accepting, a refusal's reasons) is left out:
  // the record must not hold what the choice made rules out.
  for (const field of fields) if (field.showIf && !isFieldShown(field as never, data)) delete data[field.id];
  return data;
}

/**
 * Completes open tasks of a case with the answers until `stop` says so, the case ends, or no
 * user in `users` may act. Returns the names of the tasks completed.
 */
export async function driveCase(
  cases: CaseService,
  users: AuthUser[],
  caseId: string,
  answers: Answers | ((taskName: string) => Promise<Answers>),
  stop: (openTaskNames: string[]) => boolean = () => false,
  maxSteps = 40,
): Promise<string[]> {
  const done: string[] = [];
  for (let i = 0; i < maxSteps; i++) {
    const detail = await cases.detail(users[0], caseId);
    const open = detail.tasks.filter((t) => t.status === 'open');
    if (!open.length || stop(open.map((t) => t.name))) break;
    const task = open[0];
    // The first user of the task's role whose region covers the case (several townships have staff).
    const user = users.find(
      (u) => task.candidateGroups.includes(u.role) && detail.case.regionCode.startsWith(u.regionCode),
    );
    if (!user) break;
    const investigator = users.find(
      (u) => u.role === 'investigator' && detail.case.regionCode.startsWith(u.regionCode),
    );
    const unmet = await cases.unmetPrerequisites(task.id);
    if (
      (needsEconomics(task.form as never) || unmet.includes('economics')) &&
      !detail.case.economics &&
      investigator
    ) {
      const { program, household } = detail.case;
      await cases.recordEconomics(investigator, caseId, investigatedHousehold(program, household) as never);
      const assessed = (await cases.detail(users[0], caseId)).assessmentStatus.benefitFen;
      if (program === 'dibao' && assessed && assessed !== FIXTURE_BENEFIT_FEN)
        await cases.recordEconomics(
          investigator,
          caseId,
          calibratedHousehold(program, household, assessed) as never,
        );
    }
    // A function paces the case: it may move the application clock to the day this step is done.
    const given = typeof answers === 'function' ? await answers(task.name) : answers;
    await cases.complete(user, { taskId: task.id, data: answersFor(task.form as never, given) });
    done.push(task.name);
  }
  return done;
}
