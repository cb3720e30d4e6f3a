import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '@app/common';
import { Database } from '@app/persistence';
import { clockRepository } from './clock.repository';

/**
 * The demo's move of the application clock, kept in the database: across restarts (a restart put the
 * clock back by the days moved, and a task opened on the moved clock was completed "before" it
 * opened) and across the API processes of one deployment (a move reached only the process that
 * received it: a 公示 had ended on one and not on the other, and the two wrote audit entries out of
 * time order).
 *
 * A move takes effect at a switch instant stored with the offset, 2 × `CLOCK_SYNC_MS` (default 1 s)
 * after the moving process took the clock's row lock; the move answers at that instant. On
 * PostgreSQL each process reads the stored clock every half `CLOCK_SYNC_MS` under a share lock on
 * its row, and tells no time past `CLOCK_SYNC_MS` after its last read began (its clock stands still
 * there until the next read; a request waits for one). A read that did not see a move took its
 * lock before the move did, so that process stops `CLOCK_SYNC_MS` after, before the switch: every
 * process switches at the same instant, and none tells the old time after any told the new. The
 * guarantee holds while the hosts' clocks agree within `CLOCK_SYNC_MS` and every process has the
 * same `CLOCK_SYNC_MS`. `CLOCK_SYNC_MS=0` says this process is the deployment's only one; PGlite
 * always is (no other process can open its database).
 */
@Injectable()
export class ClockStore implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly staleMs: number;
  /** performance.now() when the last read that finished had begun. */
  private readFrom = -Infinity;
  private reading: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(Database) private readonly db: Database,
  ) {
    this.staleMs = db.kind === 'pglite' ? 0 : Number(process.env.CLOCK_SYNC_MS ?? 1000);
  }

  async onApplicationBootstrap(): Promise<void> {
    const from = performance.now();
    const stored = await this.db.read((em) => clockRepository.state(em));
    // Before the first request: the process takes the deployment's clock, whichever way that moves it.
    if (stored !== null) {
      const now = this.clock.offset();
      const current = Date.now() >= stored.switchAt ? stored.offsetMs : stored.beforeMs;
      this.clock.advance(current - now);
      this.clock.schedule(stored.beforeMs, stored.offsetMs, stored.switchAt);
    }
    this.readFrom = from;
    if (this.staleMs > 0) {
      await this.read();
      this.timer = setInterval(() => void this.read().catch(() => undefined), this.staleMs / 2);
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * Resolves once this process's clock holds every move committed three quarters of
   * `CLOCK_SYNC_MS` or more ago: a read that began after then has finished. The reads every half
   * interval usually are that recent (a request rarely waits), and the request then has at least a
   * quarter interval before its clock would stand still for want of a read.
   */
  async fresh(): Promise<void> {
    if (this.staleMs === 0) return;
    const since = performance.now() - this.staleMs * 0.75;
    while (this.readFrom < since) await this.read();
  }

  /**
   * Moves the deployment's clock on by `ms`, with `alongside` in the same transaction (what must move
   * with it before any process tells the new time). Resolves at the switch instant, when every
   * process runs on the moved clock; returns the jump in application time.
   */
  async advance(
    ms: number,
    alongside: (em: EntityManager, move: { from: Date; to: Date }) => Promise<void>,
  ): Promise<{ from: Date; to: Date }> {
    const moved = await this.db.transaction(async (em) => {
      const stored = await clockRepository.lockForMove(em);
      // Taken after the row lock: every read that missed this move began before it.
      const at = Date.now();
      const switched = !stored || at >= stored.switchAt;
      const here = this.clock.offset();
      const beforeMs = Math.max(here, stored ? (switched ? stored.offsetMs : stored.beforeMs) : here);
      // This move adds to the latest offset, a move still before its switch included: that is
      // where this move takes the clock from (two moves at once each record their own step).
      const base = Math.max(here, stored?.offsetMs ?? here);
      const offsetMs = base + ms;
      const next = { beforeMs, offsetMs, switchAt: at + 2 * this.staleMs };
      await clockRepository.write(em, next);
      await alongside(em, { from: new Date(next.switchAt + base), to: new Date(next.switchAt + offsetMs) });
      return next;
    });
    this.clock.schedule(moved.beforeMs, moved.offsetMs, moved.switchAt);
    const wait = moved.switchAt - Date.now();
    if (wait > 0) await sleep(wait);
    return { from: new Date(moved.switchAt + moved.beforeMs), to: new Date(moved.switchAt + moved.offsetMs) };
  }

  /** Records where the clock stands now (after the seed moved it). */
  async save(): Promise<void> {
    const offset = this.clock.offset();
    await this.db.transaction((em) => clockRepository.save(em, offset));
  }

  /** One read at a time: a caller arriving during one waits for it, and reads again if it began too early. */
  private read(): Promise<void> {
    this.reading ??= (async () => {
      const from = performance.now();
      const real = Date.now();
      try {
        const stored = await this.db.transaction((em) => clockRepository.state(em, true));
        if (stored !== null) this.clock.schedule(stored.beforeMs, stored.offsetMs, stored.switchAt);
        this.clock.knownUntil(real + this.staleMs);
        this.readFrom = Math.max(this.readFrom, from);
      } finally {
        this.reading = null;
      }
    })();
    return this.reading;
  }
}
