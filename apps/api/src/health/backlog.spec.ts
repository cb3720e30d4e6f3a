import { judgeBacklog } from './backlog';

describe('judgeBacklog', () => {
  const now = new Date('2026-11-23T10:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it.each([
    // intervalMs, waiting, oldest (ms ago), state
    [5_000, 0, null, 'ok'],
    [5_000, 3, 2_000, 'ok'],
    [5_000, 3, 59_000, 'ok'], // under the one-minute floor
    [5_000, 3, 61_000, 'behind'],
    [60_000, 3, 179_000, 'ok'], // under three sweeps
    [60_000, 3, 181_000, 'behind'],
    [0, 3, 10 * 86_400_000, 'off'], // sweeps off: not judged
  ] as const)('interval %d ms, %d waiting since %s ms → %s', (intervalMs, waiting, agoMs, state) => {
    const b = judgeBacklog({ intervalMs, waiting, oldestAt: agoMs === null ? null : ago(agoMs), now });
    expect(b.state).toBe(state);
    expect(b.waiting).toBe(waiting);
    expect(b.oldestAgeMs).toBe(agoMs);
  });

  it('never reports a negative age (clock moved back)', () => {
    expect(
      judgeBacklog({ intervalMs: 5_000, waiting: 1, oldestAt: new Date(now.getTime() + 5000), now })
        .oldestAgeMs,
    ).toBe(0);
  });
});
