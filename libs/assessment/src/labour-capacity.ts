/** 劳动力系数: health category × age tier (DOMAIN.md §3); minors and full-time students are outside the labour force. */
import type { Disability, HealthCategory, Member } from './household';
import type { BasisPoints } from './money';
import type { PolicyParameters } from './parameters';

export const AGE_TIER_LABELS = ['16–40岁', '41–50岁', '51–60岁', '61–70岁', '70岁以上'] as const;
const AGE_TIER_SHORT = ['16–40周岁', '41–50周岁', '51–60周岁', '61–70周岁', '70周岁以上'] as const;

/** The short health names for a coefficient's basis: `0.8（51–60周岁·健康）`. */
const HEALTH_SHORT: Record<HealthCategory, string> = {
  healthy: '健康',
  minor_illness: '一般疾病',
  chronic_illness: '慢性病',
  disability_mild: '轻度残疾',
  serious_illness: '重病',
  disability_severe: '重度残疾',
};

export const HEALTH_LABELS: Record<HealthCategory, string> = {
  healthy: '健康',
  minor_illness: '一般疾病',
  chronic_illness: '慢性病',
  disability_mild: '轻度残疾（三、四级）',
  serious_illness: '重病',
  disability_severe: '重度残疾（一、二级）',
};

/** The six health categories of the coefficient table, in its row order. */
export const HEALTH_CATEGORIES = Object.keys(HEALTH_LABELS) as HealthCategory[];

/** Tier index for ages 16–40, 41–50, 51–60, 61–70, >70. */
export function ageTier(age: number): 0 | 1 | 2 | 3 | 4 {
  if (age <= 40) return 0;
  if (age <= 50) return 1;
  if (age <= 60) return 2;
  if (age <= 70) return 3;
  return 4;
}

function disabilityCategory(d: Disability | null | undefined): HealthCategory | null {
  if (!d) return null;
  return d.grade <= 2 ? 'disability_severe' : 'disability_mild';
}

export interface LabourCapacity {
  /** Category used for the table: the declared one, or the one the disability certificate implies when that gives the lower coefficient. */
  category: HealthCategory;
  coefficientBp: BasisPoints;
  /** Why the coefficient is what it is, in zh-CN. */
  reason: string;
  /** The same, short, for a formula: `51–60周岁·健康`, `未满16周岁`. */
  short: string;
}

export function labourCapacity(member: Member, age: number, p: PolicyParameters): LabourCapacity {
  const declared = member.health;
  const fromCertificate = disabilityCategory(member.disability);
  if (age < p.labour.minAge) {
    return {
      category: declared,
      coefficientBp: 0,
      reason: `未满${p.labour.minAge}周岁，不计劳动力`,
      short: `未满${p.labour.minAge}周岁`,
    };
  }
  if (member.student?.fullTime) {
    return {
      category: declared,
      coefficientBp: 0,
      reason: '全日制在校学生，不计劳动力',
      short: '全日制在校学生',
    };
  }
  const tier = ageTier(age);
  let category = declared;
  // A certificate is verified evidence; a lighter self-declared category must not raise the coefficient.
  if (
    fromCertificate &&
    p.labour.coefficients[fromCertificate][tier] < p.labour.coefficients[declared][tier]
  ) {
    category = fromCertificate;
  }
  const coefficientBp = p.labour.coefficients[category][tier];
  const certNote = category !== declared ? `（依残疾证${member.disability?.grade}级认定）` : '';
  return {
    category,
    coefficientBp,
    reason: `${HEALTH_LABELS[category]}${certNote}，${AGE_TIER_LABELS[tier]}`,
    short: `${AGE_TIER_SHORT[tier]}·${HEALTH_SHORT[category]}${category !== declared ? '（残疾证）' : ''}`,
  };
}
