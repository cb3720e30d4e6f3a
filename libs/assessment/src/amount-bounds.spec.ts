import { AssessmentInputError, assess } from './assess';
import { MAX_AMOUNT_FEN } from './money';
import { ASSESSMENT_DATE, household, member, params } from './testing/household-builder';

const withIncomes = (...annualFen: number[]) =>
  household([
    member('王建国', 40, {
      relation: 'applicant',
      incomes: annualFen.map((a, i) => ({ kind: i % 2 ? 'business' : 'wage', annualFen: a })),
    }),
  ]);

const problemsOf = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    if (e instanceof AssessmentInputError) return e.problems;
    throw e;
  }
  return [];
};

describe('amounts are real values within bounds, so sums never leave exact arithmetic', () => {
  it('refuses, naming the field, an income over 1亿元 (two safe integers used to overflow their sum: a 500)', () => {
    const big = Number.MAX_SAFE_INTEGER;
    expect(
      problemsOf(() => assess(withIncomes(big, big), params(), { assessmentDate: ASSESSMENT_DATE })),
    ).toEqual([
      { field: 'members[0].incomes[0].annualFen', message: '金额不能超过1亿元' },
      { field: 'members[0].incomes[1].annualFen', message: '金额不能超过1亿元' },
    ]);
  });

  it('computes with amounts at the bound', () => {
    const result = assess(withIncomes(MAX_AMOUNT_FEN, MAX_AMOUNT_FEN), params(), {
      assessmentDate: ASSESSMENT_DATE,
    });
    expect(result.minimumLiving.eligible).toBe(false);
  });

  it('refuses a policy amount over the bound', () => {
    const p = structuredClone(params());
    p.monthlyStandardFen.rural = MAX_AMOUNT_FEN + 1;
    expect(
      problemsOf(() => assess(withIncomes(0), p, { assessmentDate: ASSESSMENT_DATE })).map((x) => x.field),
    ).toContain('monthlyStandardFen.rural');
  });

  it.each(['2026-02-30', '0000-01-01', '2026-13-01'])('refuses the assessment date %s', (date) => {
    expect(
      problemsOf(() => assess(withIncomes(0), params(), { assessmentDate: date })).map((x) => x.field),
    ).toEqual(['assessmentDate']);
  });
});
