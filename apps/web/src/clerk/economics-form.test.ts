import { describe, expect, it } from 'vitest';
import { buildHousehold, initialForm, memberIndexOf, moneyProblem, newIncome } from './economics-form';

const caseMembers = [
  { name: '张三', idNumber: '410702198001011234', relation: '本人' },
  { name: '李四', idNumber: '410702198202022345', relation: '配偶' },
];

function filledForm() {
  const form = initialForm(caseMembers, null);
  form.depositsYuan = '3000';
  form.securitiesYuan = '0';
  form.homesCount = '1';
  form.members[0].incomes.push({ ...newIncome(), yuan: '6000.5', source: ' 工地 ' });
  return form;
}

describe('moneyProblem', () => {
  it('says what is wrong with a typed amount', () => {
    expect(moneyProblem('')).toBe('请填写金额');
    expect(moneyProblem('', false)).toBe('');
    expect(moneyProblem('-5')).toBe('金额不能为负数');
    expect(moneyProblem('1.234')).toBe('金额格式不正确：以元为单位，最多两位小数');
    expect(moneyProblem('12,00')).toBe('金额格式不正确：以元为单位，最多两位小数');
    expect(moneyProblem(' 1234.5 ')).toBe('');
  });
});

describe('the economics form', () => {
  it('starts from the case members with their relations', () => {
    const form = initialForm(caseMembers, null);
    expect(form.members.map((m) => [m.name, m.relation])).toEqual([
      ['张三', 'applicant'],
      ['李四', 'spouse'],
    ]);
    expect(form.depositsYuan).toBe('');
  });

  it('turns typed yuan into fen and reports every missing amount by its server path', () => {
    const empty = buildHousehold(initialForm(caseMembers, null));
    expect(empty.errors).toMatchObject({
      'household.assets.depositsFen': '请填写金额',
      'household.assets.securitiesFen': '请填写金额',
      'household.assets.homes.count': '住房套数应为不小于零的整数',
    });

    const { household, errors } = buildHousehold(filledForm());
    expect(errors).toEqual({});
    expect(household.assets).toMatchObject({ depositsFen: 300000, securitiesFen: 0, homes: { count: 1 } });
    expect((household.members as Record<string, unknown>[])[0].incomes).toEqual([
      { kind: 'wage', annualFen: 600050, source: '工地' },
    ]);
  });

  it('keys a bad income to its member and income', () => {
    const form = filledForm();
    form.members[1].incomes.push({ ...newIncome(), yuan: '-1' });
    const { errors } = buildHousehold(form);
    expect(errors).toEqual({ 'household.members[1].incomes[0].annualFen': '金额不能为负数' });
    expect(memberIndexOf('household.members[1].incomes[0].annualFen')).toBe(1);
    expect(memberIndexOf('household.assets.depositsFen')).toBe(-1);
  });

  it('asks for exactly one applicant', () => {
    const form = filledForm();
    form.members[1].relation = 'applicant';
    expect(buildHousehold(form).errors['household.members']).toBe('家庭成员中应有且只有一名申请人本人');
  });

  it('shows a saved household again as the same fen', () => {
    const saved = buildHousehold(filledForm()).household;
    const again = initialForm(caseMembers, saved);
    expect(again.depositsYuan).toBe('3000.00');
    expect(again.members[0].incomes[0].yuan).toBe('6000.50');
    expect(buildHousehold(again).household).toEqual(saved);
  });
});
