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

  /** The calendar date in China (Asia/Shanghai, UTC+8, no DST) as YYYY-MM-DD. */
  today(): string {
    return shanghaiDate(this.now());
  }
}

export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
