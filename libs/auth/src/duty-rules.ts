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
}

export interface RecusalHit {
  relativeName: string;
  relation: string;
}

/** Why this person may not act on this case, in zh-CN; null when nothing stands in the way. */
export function recusalConflict(rules: DutyRules, hits: RecusalHit[]): string | null {
  if (!rules.nearRelativeRecusal || !hits.length) return null;
  const h = hits[0];
  return `您已备案的近亲属（${h.relation} ${h.relativeName}）是本案家庭成员，依法应当回避，不能办理本案`;
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
        return `职责分离：您已在本案办理“${act.taskName}”（${ROLES[done]}），不能再以${ROLES[now]}身份办理本步骤`;
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
