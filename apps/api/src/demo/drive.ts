import { AuthUser } from '@app/auth';
import { CaseService } from '@app/cases';

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
  findings: '家中房屋为砖木结构，无机动车，主要劳动力患慢性病，生活困难属实。',
  neighbourVisit: '走访邻居张某、李某，反映情况属实。',
  stopDecision: ['continue'],
  opinion: ['eligible'],
  proposedAmount: '562',
  coveredPersons: 3,
  objection: false,
  objectionDetails: '村民反映其子在外务工收入较高。',
  recheckMethod: ['reinvestigation'],
  recheckFindings: '复查核实，其子收入已计入家庭收入，家庭人均收入仍低于标准。',
  countyInvestigators: ['孙审批', '周核查'],
  countyVisitDate: '2026-11-21',
  countyFindings: '县级入户核查，情况属实。',
  amount: '562',
  facts: '申请人家庭共3人，经核对和入户调查，家庭月人均收入462.67元，低于当地农村低保标准650元。',
  // What an approver confirming a 低保 family cites: eligibility and amount, not the procedure alone.
  legalBasis:
    '《社会救助暂行办法》第九条、第十一条、第十二条，《最低生活保障审核确认办法》第二十一条、第二十三条',
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
export function servedToday(answers: Answers, today: string): Answers {
  const out = { ...answers };
  for (const key of ACTION_DATES) if (key in out && out[key] === CONFIRM_PATH[key]) out[key] = today;
  return out;
}

export function answersFor(
  fields: { id: string; type: string; options: { id: string }[] }[],
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
  answers: Answers,
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
    await cases.complete(user, { taskId: task.id, data: answersFor(task.form as never, answers) });
    done.push(task.name);
  }
  return done;
}
