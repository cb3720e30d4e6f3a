/**
 * 特困人员 (特困人员认定办法 Arts. 4–9): no labour capacity, no income source, and no supporter
 * able to support — all three, tested per person.
 */
import { BASIS } from './basis';
import { type Explanation, yuan } from './explanation';
import { money } from './figures';
import type { Member, Supporter } from './household';
import { type ExactFen, divInt, fen, lt } from './money';
import type { PolicyParameters } from './parameters';

export interface ExtremePovertyResult {
  idNumber: string;
  name: string;
  eligible: boolean;
  noLabourCapacity: { passed: boolean; reason: string };
  noIncomeSource: { passed: boolean; reason: string };
  noCapableSupporter: { passed: boolean; reason: string };
  /** Art. 9: a minor in the orphan scheme is not 特困. */
  excludedAsOrphanScheme: boolean;
}

const DISABILITY_TYPE_LABELS = {
  intellectual: '智力',
  mental: '精神',
  physical: '肢体',
  visual: '视力',
  hearing: '听力',
  speech: '言语',
  multiple: '多重',
} as const;

function noLabourCapacity(
  member: Member,
  age: number,
  p: PolicyParameters,
): { passed: boolean; reason: string } {
  const ep = p.extremePoverty;
  if (age >= ep.elderlyMinAge) return { passed: true, reason: `${age}周岁，达到${ep.elderlyMinAge}周岁` };
  if (age < ep.childMaxAgeExclusive)
    return { passed: true, reason: `${age}周岁，未满${ep.childMaxAgeExclusive}周岁` };
  const d = member.disability;
  if (d && d.grade <= ep.disabilityMaxGrade[d.type]) {
    return { passed: true, reason: `${DISABILITY_TYPE_LABELS[d.type]}残疾${d.grade}级` };
  }
  // Declared 重度残疾 without a certificate on file is the same fact the 低保 rules already accept.
  if (!d && member.health === 'disability_severe') {
    return { passed: true, reason: `${age}周岁，健康状况为重度残疾（一、二级）` };
  }
  return {
    passed: false,
    reason: d
      ? `${age}周岁，${DISABILITY_TYPE_LABELS[d.type]}残疾${d.grade}级，不属于无劳动能力`
      : `${age}周岁，无符合规定的残疾等级`,
  };
}

export function assessExtremePoverty(
  member: Member,
  age: number,
  /**
   * Art. 6 judges 无生活来源 on what the person actually receives: counted verified income only.
   * Imputed income stands for work an able person could do, and a 特困 applicant has no labour
   * capacity (Art. 5), so it never enters this test.
   */
  actualYearlyIncome: ExactFen,
  propertyPassed: boolean,
  /** One-vote-veto hits outside the property clauses (e.g. refused verification) end this application too. */
  otherVetoHits: number,
  /** Listed supporters plus those derived from co-resident relations. */
  supporters: Supporter[],
  /** Why each supporter cannot support (Art. 8), or null: worked out once per assessment. */
  incapacityOf: (s: Supporter) => string | null,
  standardFen: number,
  p: PolicyParameters,
  ex: Explanation,
): ExtremePovertyResult {
  const labour = noLabourCapacity(member, age, p);
  const ownMonthly = divInt(actualYearlyIncome, 12);
  const incomeBelow = lt(ownMonthly, fen(standardFen));
  const income = {
    passed: incomeBelow && propertyPassed,
    reason: `本人年实际收入${money(actualYearlyIncome)} ÷ 12 = ${money(ownMonthly)}（不含推算收入），${incomeBelow ? '低于' : '不低于'}保障标准${yuan(standardFen)}；财产状况${propertyPassed ? '符合' : '不符合'}规定`,
  };
  const obligors = supporters.filter((s) => s.supports.includes(member.idNumber));
  const capable = obligors.map((s) => ({ s, why: incapacityOf(s) })).filter((x) => x.why === null);
  const supporter = {
    passed: capable.length === 0,
    reason:
      obligors.length === 0
        ? '无法定赡养、抚养、扶养义务人'
        : capable.length === 0
          ? obligors.map((s) => `${s.name}：${incapacityOf(s)}`).join('；')
          : `有履行义务能力的义务人：${capable.map((x) => x.s.name).join('、')}`,
  };
  const orphan = Boolean(member.inOrphanScheme) && age < 18;
  const eligible = labour.passed && income.passed && supporter.passed && !orphan && otherVetoHits === 0;
  const name = member.name;
  // One inputs object per line, as before: a reader may change one line's inputs without the others.
  const base = () => ({ name, age });
  const labourReason = labour.reason;
  const incomeReason = income.reason;
  const supporterReason = supporter.reason;
  const obligorCount = obligors.length;
  const capableCount = capable.length;
  ex.test(
    'extreme.labour',
    () => `${name}：特困——无劳动能力：${labourReason}`,
    labour.passed,
    base,
    BASIS.extremeLabour,
  );
  ex.test(
    'extreme.income',
    () => `${name}：特困——无生活来源：${incomeReason}`,
    income.passed,
    () => ({ name, age, ownMonthlyIncome: yuan(ownMonthly), standard: yuan(standardFen) }),
    BASIS.extremeIncome,
  );
  ex.test(
    'extreme.supporter',
    () => `${name}：特困——无履行义务能力的义务人：${supporterReason}`,
    supporter.passed,
    () => ({ name, age, obligors: obligorCount, capable: capableCount }),
    BASIS.extremeSupporter,
  );
  if (otherVetoHits > 0)
    ex.test('extreme.veto', () => `${name}：命中一票否决条款，不予认定`, false, base, BASIS.extremePoverty);
  if (orphan)
    ex.test(
      'extreme.orphan',
      () => `${name}：已纳入孤儿或事实无人抚养儿童保障，不认定为特困人员`,
      false,
      base,
      BASIS.extremeOrphan,
    );
  ex.test(
    'extreme.result',
    () => `${name}：${eligible ? '符合' : '不符合'}特困人员认定条件`,
    eligible,
    base,
    BASIS.extremePoverty,
  );
  return {
    idNumber: member.idNumber,
    name: member.name,
    eligible,
    noLabourCapacity: labour,
    noIncomeSource: income,
    noCapableSupporter: supporter,
    excludedAsOrphanScheme: orphan,
  };
}
