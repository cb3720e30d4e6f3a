import { readingReasonProblem } from './reading-reason';

describe('查阅事由', () => {
  it.each<[string, boolean]>([
    ['行政复议案件调阅', true],
    ['核查投诉：材料真实性', true],
    ['audit 2026', true],
    ['看看', false],
    ['看看。。。', false],
    ['.....', false],
    ['     ', false],
    ['！！！！！！', false],
    ['查'.repeat(201), false],
    ['\u200b'.repeat(5), false],
    ['\u0301'.repeat(5), false],
    ['看\u200b\u200b\u200b\u200b', false],
    ['\u00ad\u2060\ufeff\u200c\u200d', false],
    ['ａｕｄｉｔ１', true],
  ])('%s → acceptable: %s', (reason, ok) => {
    expect(readingReasonProblem(reason) === null).toBe(ok);
  });
});
