/** Checks the collected facts before assessing; messages point the clerk at the field to correct. */
import { residentIdProblem } from '@app/assistance';
import { compositionDecision } from './household-composition';
import type { Household } from './household';
import { MAX_AMOUNT_FEN } from './money';
import type { ValidationProblem } from './validate-parameters';

export function validateHousehold(h: Household, assessmentDate: string): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const bad = (field: string, message: string) => problems.push({ field, message });
  const money = (field: string, v: unknown) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
      bad(field, '金额应为不小于零的整数（单位：分）');
    else if (v > MAX_AMOUNT_FEN) bad(field, `金额不能超过${MAX_AMOUNT_FEN / 100 / 1e8}亿元`);
  };
  const applicants = h.members.filter((m) => m.relation === 'applicant');
  if (applicants.length !== 1) bad('members', `应有且只有一名申请人，现有${applicants.length}名`);
  const ids = new Set<string>();
  h.members.forEach((m, i) => {
    const problem = residentIdProblem(m.idNumber, assessmentDate);
    if (problem) bad(`members[${i}].idNumber`, `${m.name}的身份证号码无效：${problem}`);
    if (ids.has(m.idNumber)) bad(`members[${i}].idNumber`, `${m.name}的身份证号码与其他成员重复`);
    ids.add(m.idNumber);
    m.incomes.forEach((inc, j) => money(`members[${i}].incomes[${j}].annualFen`, inc.annualFen));
    if (!problem && m.relation === 'applicant' && !compositionDecision(m, assessmentDate).counted) {
      bad(`members[${i}].cohabitation`, '申请人本人不属于共同生活家庭成员，不能作为申请人');
    }
  });
  h.supporters.forEach((s, i) => {
    const problem = residentIdProblem(s.idNumber, assessmentDate);
    if (problem) bad(`supporters[${i}].idNumber`, `${s.name}的身份证号码无效：${problem}`);
    money(`supporters[${i}].annualIncomeFen`, s.annualIncomeFen);
    for (const id of s.supports)
      if (!ids.has(id)) bad(`supporters[${i}].supports`, `${s.name}的被赡养（抚养、扶养）人不是本户成员`);
  });
  money('assets.depositsFen', h.assets.depositsFen);
  money('assets.securitiesFen', h.assets.securitiesFen);
  if (!Number.isInteger(h.assets.homes.count) || h.assets.homes.count < 0)
    bad('assets.homes.count', '住房套数应为不小于零的整数');
  h.assets.businesses.forEach((b, i) => money(`assets.businesses[${i}].valueFen`, b.valueFen));
  h.rigidExpenditures.forEach((r, i) => {
    money(`rigidExpenditures[${i}].annualFen`, r.annualFen);
    if (r.memberIdNumber && !ids.has(r.memberIdNumber))
      bad(`rigidExpenditures[${i}].memberIdNumber`, '支出所属成员不是本户成员');
  });
  return problems;
}
