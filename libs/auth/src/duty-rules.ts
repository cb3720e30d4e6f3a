/**
 * Separation of duties and recusal (审核确认办法: investigation, first-instance review and
 * confirmation are done by different people; 第十一条: staff register near relatives, who are then
 * handled apart). The rules are data, versioned per region; this module only judges them.
 * Pure: no framework, no database.
 */
import { ROLES, Role, isRole } from './roles';

export interface DutyRules {
  /** Pairs of duties that one person may not both perform on one case. */
  separate: [Role, Role][];
  /** A staff member with a registered near relative in the household may not act on the case. */
  nearRelativeRecusal: boolean;
}

/** A step already done on the case: who did it and which duties the step belonged to. */
export interface PriorAct {
  actorId: string;
  duties: string[];
  taskName: string;
  /** Named in the step's record (e.g. among its investigators) rather than its submitter. */
  named?: boolean;
}

export interface RecusalHit {
  relativeName: string;
  relation: string;
}

/** Why this person may not act on this case, in zh-CN; null when nothing stands in the way. */
export function recusalConflict(rules: DutyRules, hits: RecusalHit[], who = '您'): string | null {
  if (!rules.nearRelativeRecusal || !hits.length) return null;
  const h = hits[0];
  return `${who}已备案的近亲属（${h.relation} ${h.relativeName}）是本案家庭成员，依法应当回避，不能办理本案`;
}

/**
 * Why this person may not perform a step of `duties` on a case where `prior` steps were done, in
 * zh-CN; null when the rules allow it.
 */
export function separationConflict(
  rules: DutyRules,
  actorId: string,
  duties: string[],
  prior: PriorAct[],
  /** Whom the message addresses: the user themself, or a person their form names. */
  who = '您',
): string | null {
  for (const act of prior) {
    if (act.actorId !== actorId) continue;
    for (const [a, b] of rules.separate) {
      const clash =
        (act.duties.includes(a) && duties.includes(b) && !duties.includes(a)) ||
        (act.duties.includes(b) && duties.includes(a) && !duties.includes(b));
      if (clash) {
        const done = act.duties.includes(a) ? a : b;
        const now = done === a ? b : a;
        const did = act.named
          ? `已被记载为本案“${act.taskName}”的${ROLES[done]}`
          : `已在本案办理“${act.taskName}”（${ROLES[done]}）`;
        return `职责分离：${who}${did}，不能再以${ROLES[now]}身份办理本步骤`;
      }
    }
  }
  return null;
}

/** Problems of a rule set as submitted by an administrator, by field. */
export function dutyRulesProblems(raw: unknown): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return [{ field: 'rules', message: '应为对象 { separate, nearRelativeRecusal }' }];
  }
  const r = raw as Record<string, unknown>;
  for (const key of Object.keys(r)) {
    if (key !== 'separate' && key !== 'nearRelativeRecusal')
      problems.push({ field: `rules.${key}`, message: '不认识的规则项' });
  }
  if (typeof r.nearRelativeRecusal !== 'boolean') {
    problems.push({ field: 'rules.nearRelativeRecusal', message: '应为 true 或 false' });
  }
  if (!Array.isArray(r.separate)) {
    problems.push({
      field: 'rules.separate',
      message: '应为角色对的列表，如 [["investigator","township_reviewer"]]',
    });
  } else {
    r.separate.forEach((pair, i) => {
      const field = `rules.separate[${i}]`;
      if (!Array.isArray(pair) || pair.length !== 2) {
        problems.push({ field, message: '应为两个角色' });
      } else if (!pair.every((p) => typeof p === 'string' && isRole(p))) {
        problems.push({ field, message: `角色应为：${Object.keys(ROLES).join('、')}` });
      } else if (pair[0] === pair[1]) {
        problems.push({ field, message: '两个角色不能相同' });
      }
    });
  }
  return problems;
}

/**
 * The national floor no region can switch off (审核确认办法: the person who investigated a case
 * does not confirm it; 第十一条: staff with a near relative in the household recuse). It is merged
 * into every rule set in force, so an older row without it is still held to it.
 */
export const DUTY_FLOOR: DutyRules = {
  separate: [['investigator', 'county_approver']],
  nearRelativeRecusal: true,
};

const samePair = (p: [Role, Role], q: [Role, Role]) =>
  (p[0] === q[0] && p[1] === q[1]) || (p[0] === q[1] && p[1] === q[0]);

/** A rule set with the national floor added to it. */
export function withFloor(rules: DutyRules): DutyRules {
  const separate = [...rules.separate];
  for (const pair of DUTY_FLOOR.separate) if (!separate.some((p) => samePair(p, pair))) separate.push(pair);
  return { separate, nearRelativeRecusal: rules.nearRelativeRecusal || DUTY_FLOOR.nearRelativeRecusal };
}

/** Where a submitted rule set falls below the national floor, by field. */
export function floorProblems(rules: DutyRules): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  for (const pair of DUTY_FLOOR.separate) {
    if (!rules.separate.some((p) => samePair(p, pair)))
      problems.push({
        field: 'rules.separate',
        message: `全国统一底线，不能取消：${ROLES[pair[0]]}与${ROLES[pair[1]]}不得由同一人办理同一案件`,
      });
  }
  if (DUTY_FLOOR.nearRelativeRecusal && !rules.nearRelativeRecusal)
    problems.push({ field: 'rules.nearRelativeRecusal', message: '全国统一底线，不能取消：近亲属回避' });
  return problems;
}

/** What `after` allows that `before` did not, in zh-CN; empty when `after` is as strict or stricter. */
export function relaxations(before: DutyRules, after: DutyRules): string[] {
  const out: string[] = [];
  for (const pair of before.separate) {
    if (!after.separate.some((p) => samePair(p, pair)))
      out.push(`取消“${ROLES[pair[0]]}与${ROLES[pair[1]]}分离”`);
  }
  if (before.nearRelativeRecusal && !after.nearRelativeRecusal) out.push('取消近亲属回避');
  return out;
}
