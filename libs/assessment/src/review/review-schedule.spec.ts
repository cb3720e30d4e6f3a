import { ASSESSMENT_DATE, member } from '../testing/household-builder';
import { DEFAULT_PARAMETERS, type PolicyParameters } from '../parameters';
import type { Member } from '../household';
import {
  addMonths,
  addMonthsToDate,
  effectiveMonthOf,
  gradualExitPlan,
  lastDayOfMonth,
  nextReviewDate,
  reviewCategory,
} from './review-schedule';

const wage = { kind: 'wage' as const, annualFen: 2_400_000 };

describe('reviewCategory (审核确认办法 Art. 31)', () => {
  const cases: [string, Member[] | null, 'stable' | 'unstable'][] = [
    ['no verified economics', null, 'unstable'],
    ['able-bodied 45-year-old without income', [member('甲', 45)], 'unstable'],
    ['able-bodied 45-year-old with a verified wage', [member('甲', 45, { incomes: [wage] })], 'stable'],
    [
      'able-bodied 45-year-old with business income',
      [member('甲', 45, { incomes: [{ kind: 'business', annualFen: 100 }] })],
      'stable',
    ],
    [
      'only a transfer income does not count as stable',
      [member('甲', 45, { incomes: [{ kind: 'transfer', annualFen: 100_000 }] })],
      'unstable',
    ],
    [
      'seriously ill 45-year-old (no labour capacity)',
      [member('甲', 45, { health: 'serious_illness' })],
      'stable',
    ],
    ['severely disabled 30-year-old', [member('甲', 30, { health: 'disability_severe' })], 'stable'],
    ['only elderly members (60 and over)', [member('甲', 60), member('乙', 72)], 'stable'],
    ['a 15-year-old is below working age', [member('甲', 15)], 'stable'],
    [
      'a full-time student is outside the labour force',
      [member('甲', 19, { student: { fullTime: true, level: 'bachelor' } })],
      'stable',
    ],
    [
      'one able member without income among others makes it unstable',
      [member('甲', 70), member('乙', 40, { incomes: [wage] }), member('丙', 35)],
      'unstable',
    ],
    [
      'a member not living in the household does not count',
      [member('甲', 70), member('乙', 35, { cohabitation: { livesTogetherLongTerm: false } })],
      'stable',
    ],
    ['59 is still working age', [member('甲', 59)], 'unstable'],
    [
      'chronic illness still leaves labour capacity',
      [member('甲', 45, { health: 'chronic_illness' })],
      'unstable',
    ],
  ];
  it.each(cases)('%s → %s', (_name, members, expected) => {
    const result = reviewCategory(members && { members }, DEFAULT_PARAMETERS, ASSESSMENT_DATE);
    expect(result.category).toBe(expected);
    expect(result.reason.length).toBeGreaterThan(0);
  });
});

describe('month arithmetic', () => {
  it.each([
    ['2026-11', 1, '2026-12'],
    ['2026-12', 1, '2027-01'],
    ['2026-01', -1, '2025-12'],
    ['2026-06', 18, '2027-12'],
    ['2026-03', 0, '2026-03'],
  ])('addMonths(%s, %d) = %s', (month, n, expected) => {
    expect(addMonths(month, n)).toBe(expected);
  });

  it.each([
    ['2026-12-01', 6, '2027-06-01'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2026-11-23', 12, '2027-11-23'],
  ])('addMonthsToDate(%s, %d) = %s', (date, n, expected) => {
    expect(addMonthsToDate(date, n)).toBe(expected);
  });

  it('refuses malformed months and dates', () => {
    expect(() => addMonths('2026-13', 1)).toThrow('not a month');
    expect(() => addMonthsToDate('2026-02-30x', 1)).toThrow('not a date');
  });

  it.each([
    ['2026-02', '2026-02-28'],
    ['2028-02', '2028-02-29'],
    ['2026-12', '2026-12-31'],
  ])('lastDayOfMonth(%s) = %s', (month, expected) => {
    expect(lastDayOfMonth(month)).toBe(expected);
  });
});

describe('nextReviewDate', () => {
  const custom: PolicyParameters = {
    ...DEFAULT_PARAMETERS,
    review: { stableMonths: 24, unstableMonths: 3, maxGradualExitMonths: 12 },
  };
  const withoutReview: PolicyParameters = { ...DEFAULT_PARAMETERS, review: undefined };
  it.each([
    ['stable, defaults', '2026-12-01', 'stable', DEFAULT_PARAMETERS, '2027-12-01'],
    ['unstable, defaults', '2026-12-01', 'unstable', DEFAULT_PARAMETERS, '2027-06-01'],
    ['stable, local parameters', '2026-12-01', 'stable', custom, '2028-12-01'],
    ['unstable, local parameters', '2026-12-01', 'unstable', custom, '2027-03-01'],
    ['row stored before review parameters existed', '2026-12-01', 'unstable', withoutReview, '2027-06-01'],
  ] as const)('%s', (_name, from, category, parameters, expected) => {
    expect(nextReviewDate(from, category, parameters)).toBe(expected);
  });
});

describe('effectiveMonthOf', () => {
  it.each([
    [undefined, '2026-11-23', '2026-12'],
    ['2027-02', '2026-11-23', '2027-02'],
    ['', '2026-12-05', '2027-01'],
    ['2027-13', '2026-12-05', '2027-01'],
  ])('requested %p on %s → %s', (requested, date, expected) => {
    expect(effectiveMonthOf(requested, date)).toBe(expected);
  });
});

describe('gradualExitPlan (Art. 33)', () => {
  it.each([
    [
      'default: the maximum',
      undefined,
      '2026-12',
      { months: 6, untilMonth: '2027-05', endDate: '2027-05-31' },
    ],
    ['three months', 3, '2026-12', { months: 3, untilMonth: '2027-02', endDate: '2027-02-28' }],
    ['one month', 1, '2027-01', { months: 1, untilMonth: '2027-01', endDate: '2027-01-31' }],
  ])('%s', (_name, requested, from, expected) => {
    expect(gradualExitPlan(requested, from, DEFAULT_PARAMETERS)).toEqual({ fromMonth: from, ...expected });
  });

  it.each([
    [7, '渐退期不得超过6个月（当地政策参数）'],
    [0, '渐退期应为不少于1个月的整数'],
    [2.5, '渐退期应为不少于1个月的整数'],
    ['3', '渐退期应为不少于1个月的整数'],
  ])('refuses %p', (requested, problem) => {
    expect(gradualExitPlan(requested, '2026-12', DEFAULT_PARAMETERS)).toEqual({ problem });
  });

  it('follows the local maximum', () => {
    const local = { review: { stableMonths: 12, unstableMonths: 6, maxGradualExitMonths: 12 } };
    expect(gradualExitPlan(12, '2026-12', local)).toMatchObject({ untilMonth: '2027-11' });
  });
});
