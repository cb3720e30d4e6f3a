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
