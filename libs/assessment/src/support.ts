/**
 * 赡养/抚养/扶养: what a supporter outside the household is counted as contributing (for 低保),
 * and whether a supporter is able to support at all (for 特困, 认定办法 Art. 8).
 */
import { ageOn } from '@app/assistance';
import { BASIS } from './basis';
import { type Explanation, yuan } from './explanation';
import { money } from './figures';
import type { Supporter } from './household';
import { type ExactFen, ZERO, fen, formatPercent, mulBp, mulInt } from './money';
import type { PolicyParameters } from './parameters';

/** Reasons a supporter's income is not counted (DOMAIN.md §3), or null. */
export function supportExemption(s: Supporter): string | null {
  const f = s.flags;
  if (f.onMinimumLiving) return '义务人本人为低保对象';
  if (f.seriousIllness) return '义务人患重病';
  if (f.disability && f.disability.grade <= 2) return `义务人为重度残疾人（${f.disability.grade}级）`;
  if (f.inPrison) return '义务人在监狱服刑';
  if (f.student) return '义务人为在校学生';
  return null;
}

export interface SupportContribution {
  supporter: Supporter;
  supportedCount: number;
  ratioBp: number;
  amountFen: ExactFen;
  exemption: string | null;
}

/** Yearly support counted into household income: ratio × supporter income × counted members supported. */
export function supportContributions(
  supporters: Supporter[],
  countedIds: ReadonlySet<string>,
  p: PolicyParameters,
  ex: Explanation,
): SupportContribution[] {
  return supporters.map((s) => {
    const supportedCount = s.supports.filter((id) => countedIds.has(id)).length;
    const f = s.flags;
    const wealthy = Boolean(f.largeAssets || f.luxuryCar || f.highEndHousing);
    const ratioBp = wealthy ? p.support.upperRatioBp : p.support.lowerRatioBp;
    const name = s.name;
    const relation = s.relation;
    const income = s.annualIncomeFen;
    const inputs = () => ({
      supporter: name,
      relation,
      supporterIncomeYearly: yuan(income),
      supportedMembers: supportedCount,
      ratio: formatPercent(ratioBp),
      upperRatioBecause: wealthy ? '义务人有大额资产、豪华车辆或高档住房' : null,
    });
    let exemption = supportExemption(s);
    if (!exemption && s.livesInHousehold) exemption = '义务人为共同生活家庭成员，其收入已计入家庭收入';
    if (!exemption && supportedCount === 0) exemption = '所赡养（抚养、扶养）的人不是计入的家庭成员';
    if (exemption) {
      ex.amount(
        'support.exempt',
        () => `${name}（年收入${money(income)}）：赡养（抚养、扶养）费不计入——${exemption} = 0元`,
        ZERO,
        inputs,
        BASIS.support,
      );
      return { supporter: s, supportedCount, ratioBp, amountFen: ZERO, exemption };
    }
    const amountFen = mulInt(mulBp(fen(income), ratioBp), supportedCount);
    const why = wealthy ? '，义务人有大额资产、豪华车辆或高档住房，按上限比例' : '';
    ex.amount(
      'support.counted',
      () =>
        `${name}：赡养（抚养、扶养）费 ${money(income)}（义务人年收入） × ${formatPercent(ratioBp)}${why} × ${supportedCount}人（被赡养人） = ${money(amountFen)}`,
      amountFen,
      inputs,
      BASIS.support,
    );
    return { supporter: s, supportedCount, ratioBp, amountFen, exemption: null };
  });
}

/** 特困人员认定办法 Art. 8: reason the supporter cannot support, or null when able. */
export function supporterIncapacity(
  s: Supporter,
  assessmentDate: string,
  p: PolicyParameters,
): string | null {
  const f = s.flags;
  const age = ageOn(s.idNumber, assessmentDate);
  const lowIncome = s.annualIncomeFen < p.lastYearPerCapitaDisposableIncomeFen;
  const propertyOk = !f.largeAssets && !f.luxuryCar && !f.highEndHousing;
  const ep = p.extremePoverty;
  if (f.extremePoverty) return '义务人为特困人员（第八条第一项）';
  if (f.onMinimumLiving && age >= ep.supporterOnMinimumLivingMinAge) {
    return `义务人为${ep.supporterOnMinimumLivingMinAge}周岁以上的低保对象（${age}周岁，第八条第二项）`;
  }
  if (age >= ep.supporterElderlyMinAge && lowIncome && propertyOk) {
    return `义务人${age}周岁，本人收入低于当地上年人均可支配收入且财产符合规定（第八条第三项）`;
  }
  const d = f.disability;
  const severe = d && (d.grade <= 2 || (d.grade === 3 && (d.type === 'intellectual' || d.type === 'mental')));
  if (severe && lowIncome && propertyOk)
    return '义务人为重度残疾人或三级智力、精神残疾人，收入低且财产符合规定（第八条第四项）';
  if ((f.noCivilCapacity || f.missing || f.inPrison) && propertyOk) {
    return '义务人无民事行为能力、被宣告失踪或在监狱服刑，且财产符合规定（第八条第五项）';
  }
  if (f.provincialIncapacityReason) return `${f.provincialIncapacityReason}（第八条第六项，省级规定）`;
  return null;
}
