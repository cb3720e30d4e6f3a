import { ageOn, maskResidentId, parseResidentId, residentIdProblem, withCheckDigit } from './resident-id';
import { benefitStartMonth } from './benefit-start';
import { regionLevel, regionWithin } from './region-code';

describe('resident ID (GB 11643)', () => {
  it.each([
    ['11010519491231002X', null], // the standard's own example
    ['110105194912310021', '校验码错误（GB 11643），请核对号码'],
    ['11010519491331002X', '出生日期 1949-13-31 不存在'],
    ['1101051949123100', '应为18位，前17位为数字，末位为数字或大写X'],
    ['11010519491231002x', '应为18位，前17位为数字，末位为数字或大写X'],
    [withCheckDigit('41072820300101001'), '出生日期 2030-01-01 晚于今天'],
    [withCheckDigit('00000019810305001'), '前两位 00 不是省级行政区划代码'],
    [withCheckDigit('99079919810305001'), '前两位 99 不是省级行政区划代码'],
  ])('%s → %s', (id, problem) => {
    expect(residentIdProblem(id, '2026-11-23')).toBe(problem);
  });

  it('reads birth date and sex', () => {
    expect(parseResidentId('11010519491231002X')).toEqual({
      regionCode: '110105',
      birthDate: '1949-12-31',
      sex: 'female',
    });
    const man = withCheckDigit('41072819810305001');
    expect(parseResidentId(man).sex).toBe('male');
    expect(ageOn(man, '2026-03-04')).toBe(44);
    expect(ageOn(man, '2026-03-05')).toBe(45);
  });

  it('masks all but the region and the last four', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
  });
});

describe('benefit start month and regions', () => {
  it.each([
    ['2026-11-23', '2026-12'],
    ['2026-12-31', '2027-01'],
    ['2027-01-01', '2027-02'],
  ])('decided %s → paid from %s', (date, month) => expect(benefitStartMonth(date)).toBe(month));

  it('knows region levels and scope by prefix', () => {
    expect(regionLevel('410728')).toBe('county');
    expect(regionLevel('410728100')).toBe('township');
    expect(regionLevel('410728100201')).toBe('village');
    expect(regionLevel('41072')).toBeNull();
    expect(regionWithin('410728100201', '410728100')).toBe(true);
    expect(regionWithin('410728101201', '410728100')).toBe(false);
  });
});
