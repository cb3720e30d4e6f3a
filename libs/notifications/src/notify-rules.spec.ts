import { addressKind, cnDate, deadlineAlert, retryDelayMs } from './notify-rules';

describe('deadlineAlert', () => {
  it.each([
    ['2026-12-03', '2026-12-07', '2026-12-04', null],
    ['2026-12-04', '2026-12-07', '2026-12-04', 'reminder'],
    ['2026-12-05', '2026-12-07', '2026-12-04', 'reminder'],
    ['2026-12-07', '2026-12-07', '2026-12-04', 'reminder'],
    ['2026-12-08', '2026-12-07', '2026-12-04', 'escalation'],
  ])('today %s, due %s (day before %s) → %s', (today, due, before, expected) => {
    expect(deadlineAlert(today, due, before)).toBe(expected);
  });
});

describe('retryDelayMs', () => {
  it.each([
    [1, 30_000],
    [2, 60_000],
    [3, 120_000],
    [9, 3_600_000],
  ])('after %i failed tries waits %i ms', (attempts, ms) => {
    expect(retryDelayMs(attempts)).toBe(ms);
  });
});

describe('addressKind', () => {
  it.each([
    ['13800000000', 'sms'],
    [' wang@example.cn ', 'email'],
    ['河西村', null],
    ['1380000000', null],
  ])('%s → %s', (address, kind) => {
    expect(addressKind(address)).toBe(kind);
  });
  it('prints dates as the notices do', () => {
    expect(cnDate('2026-01-09')).toBe('2026年1月9日');
  });
});
