/**
 * A member's yearly income: verified income by kind (exempt kinds left out), and imputed income
 * when there is no verified income to stand in for what an able person could earn.
 */
import { BASIS } from './basis';
import { type Explanation, yuan } from './explanation';
import type { IncomeKind, Member, WorkType } from './household';
import { type ExactFen, ZERO, add, fen, formatRatio, formatPercent, mulBp, mulInt } from './money';
import type { PolicyParameters } from './parameters';

export const INCOME_KIND_LABELS: Record<IncomeKind, string> = {
  wage: '工资性收入',
  business: '经营净收入',
  property: '财产净收入',
  transfer: '转移净收入',
  other: '其他收入',
  special_care_allowance: '优抚金',
  family_planning_reward: '计划生育奖励与扶助金',
  scholarship: '奖学金、助学金',
  heroic_deed_award: '见义勇为奖励',
  social_assistance: '社会救助金',
  basic_pension_base: '基础养老金',
};

export interface MemberIncome {
  countedFen: ExactFen;
  exemptFen: ExactFen;
  imputedFen: ExactFen;
  imputedKind: 'odd_jobs' | 'farming' | null;
  /** counted + imputed: the member's own income, as used for the 特困 income test. */
  ownFen: ExactFen;
}

/** The work type the imputation follows, after the region's default for an unknown one. */
function effectiveWorkType(member: Member, p: PolicyParameters): WorkType {
  return member.workType ?? p.imputation.whenWorkTypeUnknown;
}

export function memberIncome(
  member: Member,
  coefficientBp: number,
  p: PolicyParameters,
  ex: Explanation,
): MemberIncome {
  let counted = ZERO;
  let exempt = ZERO;
  for (const inc of member.incomes) {
    const isExempt = p.exemptIncomeKinds.includes(inc.kind);
    if (isExempt) exempt = add(exempt, fen(inc.annualFen));
    else counted = add(counted, fen(inc.annualFen));
    ex.amount(
      isExempt ? 'income.exempt' : 'income.verified',
      `${member.name}：${INCOME_KIND_LABELS[inc.kind]}${isExempt ? '（不计入家庭收入）' : ''}`,
      fen(isExempt ? 0 : inc.annualFen),
      { kind: inc.kind, annualYuan: yuan(inc.annualFen), source: inc.source ?? null },
      isExempt ? BASIS.exemptIncome : BASIS.income,
    );
  }

  const hasVerified = (kind: IncomeKind) => member.incomes.some((i) => i.kind === kind && i.annualFen > 0);
  const workType = effectiveWorkType(member, p);
  let imputed = ZERO;
  let imputedKind: MemberIncome['imputedKind'] = null;
  if (coefficientBp > 0 && workType === 'odd_jobs' && !hasVerified('wage')) {
    const wage = p.lastYearCityMinimumWageMonthlyFen;
    imputed = mulInt(mulBp(fen(wage), coefficientBp), p.imputation.workingMonths);
    imputedKind = 'odd_jobs';
    ex.amount(
      'income.imputed.odd_jobs',
      `${member.name}：务工推算收入 = 劳动力系数 × 上年最低工资 × 务工月数`,
      imputed,
      {
        coefficient: formatRatio(coefficientBp),
        minimumWageMonthly: yuan(wage),
        workingMonths: p.imputation.workingMonths,
        workTypeDeclared: member.workType ?? null,
      },
      BASIS.imputed,
    );
  } else if (coefficientBp > 0 && workType === 'farming' && !hasVerified('business')) {
    const rural = p.lastYearRuralPerCapitaDisposableIncomeFen;
    imputed = mulBp(mulBp(fen(rural), coefficientBp), p.imputation.farmRatioBp);
    imputedKind = 'farming';
    ex.amount(
      'income.imputed.farming',
      `${member.name}：务农推算收入 = 劳动力系数 × 上年农村居民人均可支配收入 × 比例`,
      imputed,
      {
        coefficient: formatRatio(coefficientBp),
        ruralIncomeYearly: yuan(rural),
        farmRatio: formatPercent(p.imputation.farmRatioBp),
      },
      BASIS.imputed,
    );
  }
  return {
    countedFen: counted,
    exemptFen: exempt,
    imputedFen: imputed,
    imputedKind,
    ownFen: add(counted, imputed),
  };
}
