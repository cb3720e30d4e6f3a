import { describe, expect, it } from 'vitest';
import { cnDate, cnDateTime, statusTag, yuan } from './format';

describe('portal display helpers', () => {
  it('shows a monthly amount in yuan', () => {
    expect(yuan(56200)).toBe('562.00 元');
    expect(yuan(123456)).toBe('1,234.56 元');
    expect(yuan(null)).toBe('—');
  });

  it('writes dates the Chinese way, in China time', () => {
    expect(cnDate('2026-11-23')).toBe('2026年11月23日');
    // 17:00 UTC is already the next day in Beijing
    expect(cnDate('2026-11-23T17:00:00Z')).toBe('2026年11月24日');
    expect(cnDateTime('2026-11-23T06:05:00Z')).toBe('2026-11-23 14:05');
    expect(cnDate(null)).toBe('—');
  });

  it('colours a case by its status and outcome', () => {
    expect(statusTag({ status: 'in_progress', outcome: null })).toBe('primary');
    expect(statusTag({ status: 'closed', outcome: 'confirmed' })).toBe('success');
    expect(statusTag({ status: 'closed', outcome: 'refused' })).toBe('danger');
    expect(statusTag({ status: 'closed', outcome: 'withdrawn' })).toBe('info');
  });
});
