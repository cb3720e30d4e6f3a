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

describe('Clock.schedule and knownUntil', () => {
  const DAY = 86_400_000;
  afterEach(() => jest.useRealTimers());

  it('keeps the offset before a move until its switch instant, and the moved one from it', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const clock = new Clock();
    clock.schedule(0, 8 * DAY, 1_002_000);
    expect(clock.now().getTime()).toBe(1_000_000);
    expect(clock.target()).toBe(8 * DAY);
    jest.setSystemTime(1_001_999);
    expect(clock.offset()).toBe(0);
    jest.setSystemTime(1_002_000);
    expect(clock.now().getTime()).toBe(1_002_000 + 8 * DAY);
    expect(clock.lastJump()).toEqual({ from: 1_002_000, to: 1_002_000 + 8 * DAY });
  });

  it('tells no time past what it knows of the deployment: the clock stands still there', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const clock = new Clock();
    clock.knownUntil(1_001_000);
    jest.setSystemTime(1_005_000);
    expect(clock.now().getTime()).toBe(1_001_000);
    // A read at 1 005 000 learns a move switching at 1 006 000 and knows up to 1 006 000.
    clock.schedule(0, DAY, 1_006_000);
    clock.knownUntil(1_006_000);
    expect(clock.now().getTime()).toBe(1_005_000);
    jest.setSystemTime(1_007_000);
    expect(clock.now().getTime()).toBe(1_006_000 + DAY);
  });
});
