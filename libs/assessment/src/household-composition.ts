/** Who counts as a 共同生活的家庭成员 (审核确认办法 Art. 7), and who is left out and why. */
import { ageOn } from '@app/assistance';
import { BASIS } from './basis';
import type { Explanation } from './explanation';
import type { EducationLevel, Member } from './household';

const ADULT_AGE = 18;
const CLERGY_YEARS_APART = 3;
/** Full-time study "up to bachelor" keeps an adult child in the household. */
const UP_TO_BACHELOR: readonly EducationLevel[] = [
  'primary',
  'junior_high',
  'senior_high',
  'secondary_vocational',
  'junior_college',
  'bachelor',
];

export interface CompositionDecision {
  counted: boolean;
  reason: string;
}

const CUSTODY_TEXT = {
  prison: '在监狱服刑',
  compulsory_rehab: '强制隔离戒毒',
  missing: '被宣告失踪',
} as const;

export function compositionDecision(member: Member, assessmentDate: string): CompositionDecision {
  const c = member.cohabitation;
  if (c.custody) return { counted: false, reason: `${CUSTODY_TEXT[c.custody]}，不计入共同生活家庭成员` };
  if ((c.clergyLivingApartYears ?? 0) >= CLERGY_YEARS_APART) {
    return {
      counted: false,
      reason: `宗教教职人员，脱离家庭生活${c.clergyLivingApartYears}年（≥${CLERGY_YEARS_APART}年）`,
    };
  }
  switch (member.relation) {
    case 'applicant':
      return { counted: true, reason: '申请人' };
    case 'spouse':
      return { counted: true, reason: '配偶' };
    case 'child': {
      const age = ageOn(member.idNumber, assessmentDate);
      if (age < ADULT_AGE) return { counted: true, reason: `未成年子女（${age}周岁）` };
      const s = member.student;
      if (s?.fullTime && UP_TO_BACHELOR.includes(s.level)) {
        return { counted: true, reason: '成年子女，全日制在校（本科及以下）' };
      }
      if (c.ableToLiveIndependently === false) return { counted: true, reason: '成年子女，不能独立生活' };
      if (c.livesTogetherLongTerm) return { counted: true, reason: '成年子女，负有赡养义务并长期共同居住' };
      return { counted: false, reason: '成年子女，能独立生活且未长期共同居住' };
    }
    default: {
      const duty = c.statutorySupportDuty ?? member.relation === 'parent';
      if (duty && c.livesTogetherLongTerm)
        return { counted: true, reason: '具有法定赡养、扶养、抚养义务关系并长期共同居住' };
      if (!duty) return { counted: false, reason: '与家庭成员之间无法定赡养、扶养、抚养义务' };
      return { counted: false, reason: '有法定义务关系但未长期共同居住' };
    }
  }
}

/** Splits the members; every decision is a line. */
export function composeHousehold(
  members: Member[],
  assessmentDate: string,
  ex: Explanation,
): { counted: Member[]; excluded: { member: Member; reason: string }[] } {
  const counted: Member[] = [];
  const excluded: { member: Member; reason: string }[] = [];
  for (const m of members) {
    const d = compositionDecision(m, assessmentDate);
    const { name, relation } = m;
    const { livesTogetherLongTerm, custody, clergyLivingApartYears } = m.cohabitation;
    ex.test(
      'household.member',
      () => `${name}：${d.counted ? '计入' : '不计入'}共同生活家庭成员——${d.reason}`,
      d.counted,
      () => ({
        name,
        relation,
        livesTogetherLongTerm,
        custody: custody ?? null,
        clergyLivingApartYears: clergyLivingApartYears ?? null,
      }),
      BASIS.art7,
    );
    if (d.counted) counted.push(m);
    else excluded.push({ member: m, reason: d.reason });
  }
  return { counted, excluded };
}
