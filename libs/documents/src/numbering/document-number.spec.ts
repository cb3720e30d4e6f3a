import { formatDocumentNumber, parseDocumentNumber } from './document-number';

describe('formatDocumentNumber', () => {
  it.each([
    [{ agencyAbbr: '安', numberCode: '民低确', year: 2026, seq: 12 }, '安民低确〔2026〕12号'],
    [{ agencyAbbr: '平', numberCode: '民低确', year: 2026, seq: 1 }, '平民低确〔2026〕1号'],
    [{ agencyAbbr: '新', numberCode: '民救字', year: 2026, seq: 17 }, '新民救字〔2026〕17号'],
    [{ agencyAbbr: '城关', numberCode: '民受', year: 2025, seq: 1003 }, '城关民受〔2025〕1003号'],
  ])('%j → %s', (parts, text) => {
    const out = formatDocumentNumber(parts);
    expect(out).toBe(text);
    expect(out).not.toMatch(/第|\[|【|（/);
    expect(out.codePointAt(out.indexOf('〔'))).toBe(0x3014);
    expect(out.codePointAt(out.indexOf('〕'))).toBe(0x3015);
  });

  it.each([
    [{ agencyAbbr: '安', numberCode: '民低确', year: 2026, seq: 0 }, '序号'],
    [{ agencyAbbr: '安', numberCode: '民低确', year: 2026, seq: 1.5 }, '序号'],
    [{ agencyAbbr: '安', numberCode: '民低确', year: 26, seq: 1 }, '年份'],
    [{ agencyAbbr: '', numberCode: '', year: 2026, seq: 1 }, '机关代字'],
    [{ agencyAbbr: '安[', numberCode: '民', year: 2026, seq: 1 }, '非法字符'],
  ])('rejects %j', (parts, msg) => expect(() => formatDocumentNumber(parts)).toThrow(msg));
});

describe('parseDocumentNumber', () => {
  it.each([
    ['安民低确〔2026〕12号', '民低确', { agencyAbbr: '安', numberCode: '民低确', year: 2026, seq: 12 }],
    ['新民救字〔2026〕17号', '民救字', { agencyAbbr: '新', numberCode: '民救字', year: 2026, seq: 17 }],
    ['安民低确〔2026〕12号', undefined, { agencyAbbr: '', numberCode: '安民低确', year: 2026, seq: 12 }],
  ])('%s (code %s)', (text, code, parts) => expect(parseDocumentNumber(text, code)).toEqual(parts));

  it.each([
    ['安民低确〔2026〕012号'], // leading zero (虚位)
    ['安民低确[2026]12号'],
    ['安民低确（2026）12号'],
    ['安民低确〔2026〕第12号'],
    ['安民低确〔26〕12号'],
    ['〔2026〕12号'],
  ])('rejects %s', (text) => expect(parseDocumentNumber(text)).toBeNull());

  it('rejects a mismatching type code', () =>
    expect(parseDocumentNumber('安民低确〔2026〕12号', '民受')).toBeNull());

  it('round-trips', () => {
    const parts = { agencyAbbr: '平', numberCode: '民不确', year: 2027, seq: 305 };
    expect(parseDocumentNumber(formatDocumentNumber(parts), '民不确')).toEqual(parts);
  });
});
