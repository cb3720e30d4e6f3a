import { assess } from './assess';
import type { Household } from './household';
import { printedLines } from './printed-lines';
import { ASSESSMENT_DATE, assets, household, member, params } from './testing/household-builder';

const lone = (over: Partial<Household> = {}) => household([member('独居老人', 75)], over);
const car = { description: '私家轿车', purpose: 'private' } as Household['assets']['vehicles'][number];

function printed(h: Household) {
  return printedLines(assess(h, params(), { assessmentDate: ASSESSMENT_DATE }).lines);
}

describe('the printed 计算明细: the checks’ summary row agrees with the rows above it', () => {
  it.each<[string, Household, string, string, string[]]>([
    ['no check hit', lone(), '一票否决条款及财产状况审查：14项均未触及', '符合', []],
    [
      'a private car (F3)',
      lone({ assets: assets({ vehicles: [car] }) }),
      '一票否决条款及财产状况审查：共14项，命中1项（见上），其余13项未触及',
      '不符合',
      ['机动车辆'],
    ],
    [
      'a private car and deposits above the limit',
      lone({ assets: assets({ vehicles: [car], depositsFen: 10_000_000 }) }),
      '一票否决条款及财产状况审查：共14项，命中2项（见上），其余12项未触及',
      '不符合',
      ['机动车辆', '存款、有价证券超过规定限额'],
    ],
  ])('%s', (_name, h, summary, result, hitRows) => {
    const lines = printed(h);
    const last = lines[lines.length - 1];
    expect(last).toEqual({ label: summary, amount: '', result });
    const hits = lines.filter((l) => /命中/.test(l.label) && l.result === '不符合' && l !== last);
    expect(hits).toHaveLength(hitRows.length);
    hitRows.forEach((text, k) => expect(hits[k].label).toContain(text));
    // A summary that says nothing was touched never stands under a row that was.
    if (hits.length) expect(last.label).not.toContain('均未触及');
  });
});

describe('the printed 计算明细 of a decision served on the family prints only its program’s test', () => {
  // An 80-year-old mother living with her son: she passes two of the three 特困 tests, he supports her.
  const family = household([
    member('王建国', 45, { workType: 'odd_jobs' }),
    member('李凤兰', 80, { relation: 'parent' }),
  ]);
  const lines = assess(family, params(), { assessmentDate: ASSESSMENT_DATE }).lines;
  const labels = (xs: { label: string }[]) => xs.map((l) => l.label).join('\n');

  it('keeps every program’s findings on the internal forms', () => {
    const internal = labels(printedLines(lines));
    expect(internal).toContain('特困');
    expect(internal).toContain('低收入人口（低保边缘家庭）');
    expect(internal).toContain('劳动力系数');
  });

  it('低保: the income test, the 补差 and 分类施保 amounts and one property line; no 特困, 低收入 or labour rows', () => {
    const served = printedLines(lines, { served: 'dibao' });
    const text = labels(served);
    expect(text).not.toMatch(/特困|低收入人口|劳动力系数 0|一票否决/);
    expect(text).toContain('家庭月人均收入');
    expect(text).toContain('最低生活保障：符合');
    expect(text).toContain('按户施保');
    expect(text).toContain('分类施保');
    expect(served[served.length - 1]).toEqual({
      label: '家庭财产状况等审查：符合规定',
      amount: '',
      result: '符合',
    });
  });

  it('低保 with a property hit: the hit row stays, the summary says it failed', () => {
    const carLines = assess(lone({ assets: assets({ vehicles: [car] }) }), params(), {
      assessmentDate: ASSESSMENT_DATE,
    }).lines;
    const served = printedLines(carLines, { served: 'dibao' });
    expect(labels(served)).toContain('机动车辆');
    expect(served[served.length - 1]).toEqual({
      label: '家庭财产状况等审查：命中1项（见上）',
      amount: '',
      result: '不符合',
    });
  });

  it('低收入: its own test and the 低保 test it rests on, no 低保 amount', () => {
    const text = labels(printedLines(lines, { served: 'dibian' }));
    expect(text).toContain('低收入人口（低保边缘家庭）');
    expect(text).toContain('最低生活保障：符合');
    expect(text).not.toMatch(/特困|按户施保|分类施保/);
  });
});
