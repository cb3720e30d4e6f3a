import { DutyRules, PriorAct, dutyRulesProblems, recusalConflict, separationConflict } from './duty-rules';

const NATIONAL: DutyRules = {
  separate: [
    ['investigator', 'township_reviewer'],
    ['township_reviewer', 'county_approver'],
    ['investigator', 'county_approver'],
  ],
  nearRelativeRecusal: true,
};
const investigated: PriorAct = { actorId: 'u1', duties: ['investigator'], taskName: '入户调查' };
const reviewed: PriorAct = { actorId: 'u1', duties: ['township_reviewer'], taskName: '乡镇审核' };

describe('separation of duties', () => {
  it.each<[string, DutyRules, string, string[], PriorAct[], RegExp | null]>([
    [
      'investigator may not then review',
      NATIONAL,
      'u1',
      ['township_reviewer'],
      [investigated],
      /入户调查.*调查员.*乡镇审核员/,
    ],
    [
      'reviewer may not then confirm',
      NATIONAL,
      'u1',
      ['county_approver'],
      [reviewed],
      /乡镇审核.*县级审批员/,
    ],
    ['the other way round too', NATIONAL, 'u1', ['investigator'], [reviewed], /乡镇审核员.*调查员/],
    ['another person may review', NATIONAL, 'u2', ['township_reviewer'], [investigated], null],
    ['the same duty twice is fine', NATIONAL, 'u1', ['investigator'], [investigated], null],
    [
      'a region without the rule allows it',
      { separate: [], nearRelativeRecusal: true },
      'u1',
      ['township_reviewer'],
      [investigated],
      null,
    ],
    [
      'a step open to both duties is the same duty',
      NATIONAL,
      'u1',
      ['investigator', 'township_reviewer'],
      [investigated],
      null,
    ],
    ['unrelated duties', NATIONAL, 'u1', ['window_clerk'], [investigated, reviewed], null],
  ])('%s', (_, rules, actor, duties, prior, expected) => {
    const found = separationConflict(rules, actor, duties, prior);
    if (expected) expect(found).toMatch(expected);
    else expect(found).toBeNull();
  });
});

describe('recusal', () => {
  const hit = { relativeName: '张三', relation: '兄弟姐妹' };
  it.each<[string, DutyRules, (typeof hit)[], RegExp | null]>([
    ['a registered relative in the household', NATIONAL, [hit], /兄弟姐妹 张三.*回避/],
    ['no relative', NATIONAL, [], null],
    ['a region that switched recusal off', { ...NATIONAL, nearRelativeRecusal: false }, [hit], null],
  ])('%s', (_, rules, hits, expected) => {
    const found = recusalConflict(rules, hits);
    if (expected) expect(found).toMatch(expected);
    else expect(found).toBeNull();
  });
});

describe('rule sets as submitted', () => {
  it.each<[string, unknown, string[]]>([
    ['the national default', NATIONAL, []],
    ['not an object', [], ['rules']],
    [
      'unknown role',
      { separate: [['investigator', 'boss']], nearRelativeRecusal: true },
      ['rules.separate[0]'],
    ],
    [
      'a pair of one role',
      { separate: [['investigator', 'investigator']], nearRelativeRecusal: true },
      ['rules.separate[0]'],
    ],
    [
      'three roles',
      { separate: [['investigator', 'admin', 'auditor']], nearRelativeRecusal: true },
      ['rules.separate[0]'],
    ],
    ['recusal missing', { separate: [] }, ['rules.nearRelativeRecusal']],
    ['unknown key', { separate: [], nearRelativeRecusal: false, extra: 1 }, ['rules.extra']],
    [
      'prototype key',
      JSON.parse('{"separate":[],"nearRelativeRecusal":true,"__proto__":{"x":1}}'),
      ['rules.__proto__'],
    ],
  ])('%s', (_, raw, fields) => {
    expect(dutyRulesProblems(raw).map((p) => p.field)).toEqual(fields);
  });
});
