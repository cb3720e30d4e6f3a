import { describe, expect, it } from 'vitest';
import { statusTag, yuan } from './format';

describe('portal display helpers', () => {
  it('shows a monthly amount in yuan', () => {
    expect(yuan(56200)).toBe('562.00 元');
    expect(yuan(123456)).toBe('1,234.56 元');
    expect(yuan(null)).toBe('—');
  });

  it('colours a case by its status and outcome', () => {
    expect(statusTag({ status: 'in_progress', outcome: null })).toBe('primary');
    expect(statusTag({ status: 'closed', outcome: 'confirmed' })).toBe('success');
    expect(statusTag({ status: 'closed', outcome: 'refused' })).toBe('danger');
    expect(statusTag({ status: 'closed', outcome: 'withdrawn' })).toBe('info');
  });
});
