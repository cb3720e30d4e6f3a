/**
 * Time as the application sees it. Tests and demos move it forward to reach deadlines and
 * timers without waiting; production leaves the offset at zero.
 */
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** How far ahead of real time the clock stands, in milliseconds. */
  offset(): number {
    return this.offsetMs;
  }

  /**
   * Moves the clock on to `offsetMs` ahead of real time, if that is later than where it stands; never
   * back: what this process already wrote carries the later time, and audit entries must stay in order.
   */
  catchUp(offsetMs: number): void {
    if (offsetMs > this.offsetMs) this.offsetMs = offsetMs;
  }

  /** The calendar date in China (Asia/Shanghai, UTC+8, no DST) as YYYY-MM-DD. */
  today(): string {
    return shanghaiDate(this.now());
  }
}

/** China has one time zone, UTC+8, and no daylight saving time. */
const CHINA_OFFSET_MS = 8 * 3600_000;

/** The calendar date in China of an instant, YYYY-MM-DD. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The wall-clock time in China of an instant, YYYY-MM-DDTHH:mm:ss (no zone: it is always +08:00). */
export function shanghaiDateTime(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19);
}
