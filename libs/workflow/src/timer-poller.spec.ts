import { pollerHealth } from './timer-poller.service';

describe('timer poller health', () => {
  const startedAt = new Date('2026-11-23T08:00:00Z');
  const at = (seconds: number) => new Date(startedAt.getTime() + seconds * 1000);

  it.each([
    [0, null, 100, 'off'],
    [5000, null, 10, 'ok'], // just started, not due yet
    [5000, null, 16, 'stalled'], // started but never polled in three intervals
    [5000, 20, 30, 'ok'],
    [5000, 20, 35, 'ok'], // exactly three intervals
    [5000, 20, 35.001, 'stalled'],
  ] as const)('interval %i ms, last poll %s s, now %s s → %s', (intervalMs, last, now, expected) => {
    expect(
      pollerHealth({ intervalMs, startedAt, lastPollAt: last === null ? null : at(last), now: at(now) }),
    ).toBe(expected);
  });
});
