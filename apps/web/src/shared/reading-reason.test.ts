import { describe, expect, it } from 'vitest';
import { readingReasonProblem } from '@shared/assistance/reading-reason';
import { needsReadingReason, withReason } from './reading-reason';

describe('查阅事由 in the web', () => {
  it.each([
    ['legal_officer', true],
    ['auditor', true],
    ['admin', true],
    ['window_clerk', false],
    ['county_approver', false],
  ])('%s must give a reason: %s', (role, needed) => {
    expect(needsReadingReason(role)).toBe(needed);
  });

  it('passes the reason as a query parameter', () => {
    expect(withReason('/api/documents/1/pdf', '行政复议 调阅')).toBe(
      '/api/documents/1/pdf?reason=%E8%A1%8C%E6%94%BF%E5%A4%8D%E8%AE%AE%20%E8%B0%83%E9%98%85',
    );
    expect(withReason('/api/x?a=1', '核查投诉材料')).toMatch(/^\/api\/x\?a=1&reason=/);
    expect(withReason('/api/x', null)).toBe('/api/x');
  });
});

describe('the dialog validates with the server’s own rule (one file, libs/assistance)', () => {
  it.each([
    ['\u200b'.repeat(5), false],
    ['\u0301'.repeat(5), false],
    ['看看。。。', false],
    ['行政复议案件调阅', true],
  ])('%j → acceptable: %s', (reason, ok) => {
    expect(readingReasonProblem(reason) === null).toBe(ok);
  });
});
