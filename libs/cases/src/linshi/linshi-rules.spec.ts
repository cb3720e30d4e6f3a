import { DEFAULT_PARAMETERS, type PolicyParameters, validateParameters } from '@app/assessment';
import {
  approvalLevel,
  CASE_URGENCY_LABELS,
  isCaseUrgency,
  townshipApprovalLimitFen,
  urgencyRank,
} from './linshi-rules';

describe('临时救助 approval level (委托乡镇审批 by amount)', () => {
  it.each<[string, unknown, number, string]>([
    ['well below the limit', 30_000, 100_000, 'township'],
    ['exactly the limit', 100_000, 100_000, 'township'],
    ['one fen above the limit', 100_001, 100_000, 'county'],
    ['zero', 0, 100_000, 'township'],
    ['a higher local limit', 250_000, 300_000, 'township'],
    ['no amount proposed', undefined, 100_000, 'county'],
    ['null', null, 100_000, 'county'],
    ['a yuan string instead of fen', '500', 100_000, 'county'],
    ['a fraction of a fen', 100.5, 100_000, 'county'],
    ['negative', -1, 100_000, 'county'],
  ])('%s: %p with limit %i → %s', (_name, amount, limit, expected) => {
    expect(approvalLevel(amount, limit)).toBe(expected);
  });

  it('reads the limit from the parameters, with the code default for rows stored before it existed', () => {
    expect(townshipApprovalLimitFen(DEFAULT_PARAMETERS)).toBe(100_000);
    expect(townshipApprovalLimitFen({ temporaryAssistance: { townshipApprovalLimitFen: 300_000 } })).toBe(
      300_000,
    );
    const old = { ...DEFAULT_PARAMETERS } as Partial<PolicyParameters>;
    delete old.temporaryAssistance;
    expect(townshipApprovalLimitFen(old as PolicyParameters)).toBe(100_000);
  });

  it('validates the limit when present and accepts rows without it', () => {
    const without = { ...DEFAULT_PARAMETERS } as Partial<PolicyParameters>;
    delete without.temporaryAssistance;
    expect(validateParameters(without as PolicyParameters)).toEqual([]);
    expect(
      validateParameters({ ...DEFAULT_PARAMETERS, temporaryAssistance: { townshipApprovalLimitFen: 99.5 } }),
    ).toEqual([
      { field: 'temporaryAssistance.townshipApprovalLimitFen', message: '应为不小于零的整数（单位：分）' },
    ]);
  });
});

describe('four-colour urgency (四色)', () => {
  it.each<[unknown, boolean, number]>([
    ['red', true, 0],
    ['yellow', true, 1],
    ['blue', true, 2],
    ['green', true, 3],
    ['orange', false, 4],
    ['RED', false, 4],
    [null, false, 4],
    [undefined, false, 4],
  ])('%p → valid %p, rank %i', (value, valid, rank) => {
    expect(isCaseUrgency(value)).toBe(valid);
    expect(urgencyRank(value)).toBe(rank);
  });

  it('names each colour in Chinese', () => {
    expect(CASE_URGENCY_LABELS).toEqual({ red: '红色', yellow: '黄色', blue: '蓝色', green: '绿色' });
  });
});
