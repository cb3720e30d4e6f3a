/**
 * Time as the application sees it. Tests and demos move it forward to reach deadlines and
 * timers without waiting; production leaves the offset at zero.
 */
export class Clock {
  private offsetMs = 0;
  /** A move known in advance: from real instant `at` (epoch ms) the offset is `offsetMs`. */
  private pending: { offsetMs: number; at: number } | null = null;
  /**
   * Real instant (epoch ms) up to which this process knows every move of the deployment's clock;
   * past it the clock stands still until it learns more (see `knownUntil`). Infinity: this process
   * is the only one, or nobody else moves its clock.
   */
  private horizon = Infinity;
  /** The last move learned by `schedule`, in application time: the clock jumped from `from` to `to`. */
  private jump: { from: number; to: number } | null = null;

  now(): Date {
    const real = Math.min(Date.now(), this.horizon);
    if (this.pending && real >= this.pending.at) {
      this.offsetMs = Math.max(this.offsetMs, this.pending.offsetMs);
      this.pending = null;
    }
    return new Date(real + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** How far ahead of real time the clock stands, in milliseconds. */
  offset(): number {
    this.now();
    return this.offsetMs;
  }

  /** The offset this clock will stand at once every move it knows of has taken effect. */
  target(): number {
    this.now();
    return Math.max(this.offsetMs, this.pending?.offsetMs ?? -Infinity);
  }

  /**
   * Moves the clock on to `offsetMs` ahead of real time, if that is later than where it stands; never
   * back: what this process already wrote carries the later time, and audit entries must stay in order.
   */
  catchUp(offsetMs: number): void {
    if (offsetMs > this.offsetMs) this.offsetMs = offsetMs;
  }

  /**
   * Learns a move of the deployment's clock: `offsetMs` from real instant `at` on, `beforeMs` until
   * then. Every process learns a move before its instant, so all switch at the same instant and none
   * writes the old time after another wrote the new.
   */
  schedule(beforeMs: number, offsetMs: number, at: number): void {
    this.catchUp(beforeMs);
    if (offsetMs > beforeMs) this.jump = { from: at + beforeMs, to: at + offsetMs };
    if (offsetMs <= this.offsetMs) return;
    if (Date.now() >= at) this.catchUp(offsetMs);
    else if (!this.pending || offsetMs >= this.pending.offsetMs) this.pending = { offsetMs, at };
  }

  /** The last move of the deployment's clock this process learned of: from when to when it jumped. */
  lastJump(): { from: number; to: number } | null {
    return this.jump;
  }

  /**
   * This process knows every move whose switch instant is before real instant `until`: until it
   * learns more, it tells no time past that instant (the clock stands still there), so it never
   * tells the old time past a switch it has not heard of.
   */
  knownUntil(until: number): void {
    this.horizon = Math.max(this.horizon === Infinity ? -Infinity : this.horizon, until);
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
