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
 * On PostgreSQL each process reads the stored offset every half `CLOCK_SYNC_MS` (default 1 s) and
 * before a request if its last read began longer ago than that; a move answers only `CLOCK_SYNC_MS`
 * after it committed. So a request that reaches any process after the move has answered runs on the
 * moved clock, and background work (timers, reminders) sees it within about half `CLOCK_SYNC_MS`.
 * A process's clock only catches up, never goes back. `CLOCK_SYNC_MS=0` says this process is the
 * deployment's only one; PGlite always is (no other process can open its database).
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
    const stored = await this.db.read((em) => clockRepository.offset(em));
    // Before the first request: the process takes the deployment's clock, whichever way that moves it.
    if (stored !== null) this.clock.advance(stored - this.clock.offset());
    this.readFrom = from;
    if (this.staleMs > 0) {
      this.timer = setInterval(() => void this.read().catch(() => undefined), this.staleMs / 2);
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * Resolves once this process's clock holds every move committed `CLOCK_SYNC_MS` or more ago: a
   * read that began after then has finished.
   */
  async fresh(): Promise<void> {
    if (this.staleMs === 0) return;
    const since = performance.now() - this.staleMs;
    while (this.readFrom < since) await this.read();
  }

  /**
   * Moves the deployment's clock on by `ms`, with `alongside` in the same transaction (what must move
   * with it before any process tells the new time). Resolves when every process's next request runs
   * on the moved clock.
   */
  async advance(ms: number, alongside: (em: EntityManager) => Promise<void>): Promise<void> {
    const offset = await this.db.transaction(async (em) => {
      const moved = await clockRepository.advance(em, this.clock.offset(), ms);
      await alongside(em);
      return moved;
    });
    this.clock.catchUp(offset);
    if (this.staleMs > 0) await sleep(this.staleMs);
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
      try {
        const stored = await this.db.read((em) => clockRepository.offset(em));
        if (stored !== null) this.clock.catchUp(stored);
        this.readFrom = Math.max(this.readFrom, from);
      } finally {
        this.reading = null;
      }
    })();
    return this.reading;
  }
}
