import { exposureFor, identityCheckPurpose, maskAddress, maskCase, maskIdsDeep, maskPhone } from './privacy';

const KASE = {
  applicantIdNumber: '410799195001011234',
  applicantAddress: '平安县城关镇东关村3组12号',
  applicantPhone: '13800001234',
  household: [{ name: '王建国', idNumber: '410799195001011234', relation: '本人' }],
  economics: {
    members: [
      {
        name: '王建国',
        idNumber: '410799195001011234',
        health: 'seriously_ill',
        disability: { grade: 1 },
        incomes: [],
      },
    ],
    supporters: [
      { name: '王小明', idNumber: '410799198001011235', flags: { seriousIllness: true, inPrison: false } },
    ],
  },
};

describe('who sees what', () => {
  it.each<[string, 'list' | 'detail', 'full' | 'masked']>([
    ['window_clerk', 'detail', 'full'],
    ['investigator', 'detail', 'full'],
    ['village_assistant', 'detail', 'full'],
    ['township_reviewer', 'detail', 'full'],
    ['county_approver', 'detail', 'full'],
    ['applicant', 'detail', 'full'],
    ['legal_officer', 'detail', 'masked'],
    ['auditor', 'detail', 'masked'],
    ['admin', 'detail', 'masked'],
    ['window_clerk', 'list', 'masked'],
    ['county_approver', 'list', 'masked'],
    ['auditor', 'list', 'masked'],
  ])('%s in a %s view: ID %s', (role, view, id) => {
    expect(exposureFor(role, view).idNumber).toBe(id);
  });
});

describe('masking', () => {
  it.each([
    ['平安县城关镇东关村3组12号', '平安县城关镇东关村****'],
    ['平安县河西镇中心街6号', '平安县河西镇****'],
    ['平安县城关镇和平社区5栋', '平安县城关镇和平社区****'],
    ['中心街6号', '中心****'],
  ])('address %s', (input, expected) => expect(maskAddress(input)).toBe(expected));

  it('phone', () => expect(maskPhone('13800001234')).toBe('138****1234'));

  it('a masked case keeps no full ID, house number, phone or health anywhere', () => {
    const masked = maskCase(KASE, exposureFor('auditor', 'detail'));
    const text = JSON.stringify(masked);
    expect(text).not.toContain('410799195001011234');
    expect(text).not.toContain('410799198001011235');
    expect(text).not.toContain('3组12号');
    expect(text).not.toContain('13800001234');
    expect(text).not.toMatch(/seriously_ill|disability|seriousIllness/);
    expect(masked.economics.supporters[0].flags).toEqual({ inPrison: false });
    expect(masked.household[0].idNumber).toBe('410799********1234');
    expect(KASE.household[0].idNumber).toBe('410799195001011234'); // the original is untouched
  });

  it('a full exposure returns the case as it is', () => {
    expect(maskCase(KASE, exposureFor('investigator', 'detail'))).toBe(KASE);
  });
});

describe('masking IDs anywhere in a record', () => {
  it.each([
    ['送达王建国（410799195001011234）', '送达王建国（410799********1234）'],
    ['41079919500101123X号', '410799********123X号'],
    ['电话 13800001234', '电话 13800001234'], // 11 digits: not an ID
    ['4107991950010112345', '4107991950010112345'], // 19 digits: not an ID
  ])('%s', (input, expected) => expect(maskIdsDeep(input)).toBe(expected));

  it('walks objects and arrays and keeps dates and numbers', () => {
    const at = new Date('2026-12-02T00:00:00Z');
    expect(maskIdsDeep({ at, n: 3, list: [{ idNumber: '410799195001011234' }] })).toEqual({
      at,
      n: 3,
      list: [{ idNumber: '410799********1234' }],
    });
  });
});

describe('what the medical spending was for', () => {
  it('is left out of the masked case, kept in the full one', () => {
    const kase = {
      ...KASE,
      economics: {
        ...KASE.economics,
        rigidExpenditures: [{ kind: 'medical', annualFen: 3_600_000, note: '尿毒症透析' }],
        suddenHardship: { kind: 'serious_illness', description: '突发脑梗住院' },
      },
    };
    const masked = JSON.stringify(maskCase(kase, exposureFor('legal_officer', 'detail')));
    expect(masked).not.toContain('尿毒症透析');
    expect(masked).not.toContain('脑梗');
    expect(masked).toContain('3600000');
    expect(JSON.stringify(maskCase(kase, exposureFor('investigator', 'detail')))).toContain('尿毒症透析');
  });
});

describe('identityCheckPurpose: who reads full ID numbers to check them against the cards', () => {
  it.each<[string[], string | null]>([
    [['window_clerk'], '受理时核对申请人及家庭成员身份证件'],
    [['investigator'], '入户调查时核对家庭成员身份证件'],
    [['township_reviewer', 'investigator'], '入户调查时核对家庭成员身份证件'],
    [['township_reviewer'], null],
    [['county_approver'], null],
    [['village_assistant'], null],
    [['legal_officer'], null],
    [['auditor'], null],
    [['admin'], null],
  ])('%j → %s', (duties, purpose) => {
    expect(identityCheckPurpose(duties)).toBe(purpose);
  });
});
