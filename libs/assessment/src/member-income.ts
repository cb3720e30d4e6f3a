/**
 * A member's yearly income: verified income by kind (exempt kinds left out), and imputed income
 * only where nothing verified shows what the member earns from work.
 */
import { BASIS } from './basis';
import { type Explanation, yuan } from './explanation';
import { coefficientText, money } from './figures';
import type { IncomeKind, Member, WorkType } from './household';
import type { LabourCapacity } from './labour-capacity';
import { type ExactFen, ZERO, add, fen, formatPercent, isZero, lt, mulBp, mulInt, sub } from './money';
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

/**
 * Income from the member's own work. Imputation estimates exactly this when it is unknown, so a
 * verified figure of either kind replaces it (务工 imputed on top of a verified 经营净收入 counted
 * the same work twice).
 */
export const LABOUR_INCOME_KINDS: readonly IncomeKind[] = ['wage', 'business'];

export interface MemberIncome {
  countedFen: ExactFen;
  exemptFen: ExactFen;
  imputedFen: ExactFen;
  imputedKind: 'odd_jobs' | 'farming' | null;
  /** counted + imputed: the member's own income for the 低保 rules (not for 特困, which uses counted only). */
  ownFen: ExactFen;
}

/** The work type the imputation follows, after the region's default for an unknown one. */
function effectiveWorkType(member: Member, p: PolicyParameters): WorkType {
  return member.workType ?? p.imputation.whenWorkTypeUnknown;
}

/** 'verified_only' unless the region chose otherwise (parameter rows stored before it existed). */
export function verifiedLabourRule(p: PolicyParameters): 'verified_only' | 'higher_of' {
  return p.imputation.withVerifiedLabourIncome ?? 'verified_only';
}

export function memberIncome(
  member: Member,
  labour: LabourCapacity,
  p: PolicyParameters,
  ex: Explanation,
): MemberIncome {
  let counted = ZERO;
  let exempt = ZERO;
  let labourVerified = ZERO;
  const labourKinds: string[] = [];
  const name = member.name;
  for (const inc of member.incomes) {
    const isExempt = p.exemptIncomeKinds.includes(inc.kind);
    const amount = fen(inc.annualFen);
    if (isExempt) exempt = add(exempt, amount);
    else {
      counted = add(counted, amount);
      if (LABOUR_INCOME_KINDS.includes(inc.kind) && inc.annualFen > 0) {
        labourVerified = add(labourVerified, amount);
        labourKinds.push(INCOME_KIND_LABELS[inc.kind]);
      }
    }
    const kind = inc.kind;
    const rawSource = inc.source;
    const source = rawSource ? `（来源：${rawSource}）` : '';
    ex.amount(
      isExempt ? 'income.exempt' : 'income.verified',
      isExempt
        ? () => `${name}：${INCOME_KIND_LABELS[kind]}${money(amount)}${source}，不计入家庭收入 = 0元`
        : () => `${name}：核实${INCOME_KIND_LABELS[kind]}${source} = ${money(amount)}`,
      isExempt ? ZERO : amount,
      () => ({ kind, annualYuan: yuan(amount), source: rawSource ?? null }),
      isExempt ? BASIS.exemptIncome : BASIS.income,
    );
  }

  const workType = effectiveWorkType(member, p);
  const coefficientBp = labour.coefficientBp;
  let full: ExactFen | null = null;
  let imputedKind: MemberIncome['imputedKind'] = null;
  let formula = () => '';
  if (coefficientBp > 0 && workType === 'odd_jobs') {
    const wage = p.lastYearCityMinimumWageMonthlyFen;
    const months = p.imputation.workingMonths;
    const amount = mulInt(mulBp(fen(wage), coefficientBp), months);
    full = amount;
    imputedKind = 'odd_jobs';
    formula = () =>
      `务工推算收入 ${coefficientText(coefficientBp, labour.short)} × ${money(wage)}（上年最低工资/月） × ${months}个月 = ${money(amount)}`;
  } else if (coefficientBp > 0 && workType === 'farming') {
    const rural = p.lastYearRuralPerCapitaDisposableIncomeFen;
    const ratioBp = p.imputation.farmRatioBp;
    const amount = mulBp(mulBp(fen(rural), coefficientBp), ratioBp);
    full = amount;
    imputedKind = 'farming';
    formula = () =>
      `务农推算收入 ${coefficientText(coefficientBp, labour.short)} × ${money(rural)}（上年农村居民人均可支配收入） × ${formatPercent(ratioBp)} = ${money(amount)}`;
  }
  let imputed = ZERO;
  if (full && imputedKind) {
    const rule = `income.imputed.${imputedKind}`;
    const workTypeDeclared = member.workType ?? null;
    const declared = workTypeDeclared ? '' : '（未申报务工类型，按地区默认）';
    const verifiedRule = verifiedLabourRule(p);
    const inputs = () => ({
      coefficient: labour.coefficientBp,
      coefficientBasis: labour.short,
      workType,
      workTypeDeclared,
      verifiedLabourIncome: yuan(labourVerified),
      rule: verifiedRule,
    });
    const fullFen = full;
    if (isZero(labourVerified)) {
      imputed = full;
      ex.amount(
        rule,
        () => `${name}：无核实劳动收入，${formula()}${declared}`,
        imputed,
        inputs,
        BASIS.imputed,
      );
    } else if (verifiedLabourRule(p) === 'higher_of') {
      const imputedHigher = lt(labourVerified, full);
      const added = imputedHigher ? sub(full, labourVerified) : ZERO;
      imputed = added;
      if (!imputedHigher) imputedKind = null;
      ex.amount(
        rule,
        () =>
          `${name}：${formula()}；核实${labourKinds.join('、')}${money(labourVerified)}；取较高者（本地规定）——${
            imputedHigher
              ? `采用推算收入，补计 ${money(fullFen)} − ${money(labourVerified)} = ${money(added)}`
              : '采用核实收入，推算收入不计 = 0元'
          }`,
        imputed,
        inputs,
        BASIS.imputed,
      );
    } else {
      imputedKind = null;
      ex.amount(
        rule,
        () =>
          `${name}：已有核实${labourKinds.join('、')}${money(labourVerified)}，按核实收入计算，不再推算（${formula().replace(/ = [^=]*$/, '')}不计）= 0元`,
        ZERO,
        inputs,
        BASIS.imputed,
      );
    }
  }
  return {
    countedFen: counted,
    exemptFen: exempt,
    imputedFen: imputed,
    imputedKind,
    ownFen: add(counted, imputed),
  };
}
