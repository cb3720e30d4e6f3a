import type { Household } from './household';
import { ASSESSMENT_DATE, household, member, supporter } from './testing/household-builder';
import { validateHousehold } from './validate-household';

/** Issue 16: inputs the assessment used to count wrongly without a word. */
const mother = member('王母', 70);
const child = member('王子', 12, { relation: 'child' });
const son = supporter('王大', 45, [mother]);
const cases: [string, Household, string | null][] = [
  ['one supporter', household([mother], { supporters: [son] }), null],
  [
    'the same supporter twice',
    household([mother], { supporters: [son, { ...son }] }),
    'supporters[1].idNumber',
  ],
  [
    'a co-resident supporter who is not a member',
    household([mother], { supporters: [{ ...son, livesInHousehold: true }] }),
    'supporters[0].livesInHousehold',
  ],
  [
    'tuition of a full-time student',
    household([mother, { ...child, student: { fullTime: true, level: 'primary' } }], {
      rigidExpenditures: [{ kind: 'tuition', annualFen: 100_000, memberIdNumber: child.idNumber }],
    }),
    null,
  ],
  [
    'tuition on a member who is no student',
    household([mother, child], {
      rigidExpenditures: [{ kind: 'tuition', annualFen: 100_000, memberIdNumber: mother.idNumber }],
    }),
    'rigidExpenditures[0].memberIdNumber',
  ],
];

describe('validateHousehold', () => {
  it.each(cases)('%s', (_name, h, field) => {
    const problems = validateHousehold(h, ASSESSMENT_DATE);
    expect(problems.map((p) => p.field)).toEqual(field ? [field] : []);
  });
  it('says where tuition belongs, as the workbook import does', () => {
    const [problem] = validateHousehold(cases[4][1], ASSESSMENT_DATE);
    expect(problem.message).toContain('学费应填在全日制在校学生本人名下');
  });
});
