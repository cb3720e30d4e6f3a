import { Clock } from './clock';

describe('Clock.catchUp', () => {
  it('moves the clock on to a later offset and never back to an earlier one', () => {
    const clock = new Clock();
    clock.catchUp(8 * 86_400_000);
    expect(clock.offset()).toBe(8 * 86_400_000);
    // A stored offset read late, or older than this process's own move, leaves the clock where it is:
    // what the process already wrote carries the later time.
    clock.catchUp(86_400_000);
    expect(clock.offset()).toBe(8 * 86_400_000);
    clock.advance(60_000);
    clock.catchUp(8 * 86_400_000);
    expect(clock.offset()).toBe(8 * 86_400_000 + 60_000);
  });
});
