import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock, timerPollIntervalMs } from '@app/common';
import { Database } from '@app/persistence';
import { ProcessRuntime } from './process-runtime.service';
import { IncidentService } from './incidents/incident.service';
import { TimerShares } from './timer-shares';
import { timerRepository } from './timer.repository';
import { setTimeout as sleep } from 'node:timers/promises';

/** How many due timers one transaction claims and fires (`TIMER_BATCH_SIZE`). */
export function timerBatchSize(): number {
  // Each fire is a subtransaction: past 64 in one transaction PostgreSQL's per-backend subtransaction
  // cache overflows and every session's snapshots get slower.
  return Math.max(1, Math.min(64, Number(process.env.TIMER_BATCH_SIZE ?? 50)));
}

/**
 * How far ahead, in ms, the engines of cases with a pending timer are loaded (`TIMER_WARM_MS`,
 * default ten minutes while the poller runs) and how many are loaded at a time between two looks for due timers
 * (`TIMER_WARM_LIMIT`, default 200). How many wait loaded at most is `TIMER_WARM_MAX`.
 */
export function timerWarmWindow(intervalMs: number): { ms: number; limit: number } {
  return {
    ms: Number(process.env.TIMER_WARM_MS ?? (intervalMs > 0 ? 10 * 60_000 : 0)),
    limit: Math.max(1, Number(process.env.TIMER_WARM_LIMIT ?? 200)),
  };
}

/**
 * Fires due timers from the database. Several API processes may poll at once: timers are claimed
 * in batches with FOR UPDATE SKIP LOCKED and fired in the transaction that marks them fired, each
 * under a savepoint. After a drain the engines of cases whose timers fall due before the next poll
 * are loaded, so that their fire does not recover them from the stored state. With several
 * pollers alive each loads and claims first its own share of the instances (`TimerShares`), and
 * takes others' timers only when they are left due for two poll intervals (a busy or dead poller).
 */
@Injectable()
export class TimerPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TimerPoller');
  private handle: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private readonly startedAt = new Date();
  private readonly intervalMs = timerPollIntervalMs();
  private readonly batchSize = timerBatchSize();
  private readonly warm = timerWarmWindow(this.intervalMs);
  private readonly shares: TimerShares;
  private readonly db: Database;
  lastPollAt: Date | null = null;

  constructor(
    @Inject(ProcessRuntime) private readonly runtime: ProcessRuntime,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(IncidentService) private readonly incidents: IncidentService,
    @Inject(Database) db: Database,
  ) {
    this.shares = new TimerShares(db);
    this.db = db;
  }

  onApplicationBootstrap(): void {
    if (this.intervalMs > 0) this.handle = setInterval(() => void this.poll(), this.intervalMs);
  }

  health(now: Date = new Date()): PollerHealth {
    return pollerHealth({
      intervalMs: this.intervalMs,
      startedAt: this.startedAt,
      lastPollAt: this.lastPollAt,
      now,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.handle) clearInterval(this.handle);
    await this.running;
    await this.shares.leave();
  }

  /**
   * Fires every timer due by `now`, then runs the stalled-case watchdog on the same schedule;
   * returns how many timers were handled.
   */
  poll(now: Date = this.clock.now()): Promise<number> {
    if (!this.running) {
      this.running = this.drain(now).finally(() => (this.running = null));
    }
    return this.running;
  }

  /**
   * Fires the timers a jump of the clock from `from` to `to` made due and returns how many of them
   * fired, by this process or another: another process's poller may have claimed some first, so
   * they are counted in the database once no claim holds them (a few polls at most; a timer whose
   * fire keeps failing is left to the poller and not counted).
   */
  async fireJump(from: Date, to: Date): Promise<number> {
    let counted = { fired: 0, pending: 0 };
    for (let round = 0; round < 20; round++) {
      await this.poll(this.clock.now());
      counted = await this.db.read((em) => timerRepository.dueBetween(em, from, to));
      if (counted.pending === 0) break;
      await sleep(100);
    }
    return counted.fired;
  }

  private async drain(now: Date): Promise<number> {
    let count = 0;
    // A poll with no interval (a test's or the demo clock's) is not a poller and takes no share.
    const share = this.intervalMs > 0 ? await this.shares.current() : null;
    // Due timers first; then the engines of those about to fall due, a chunk at a time, looking
    // for due timers again between chunks so that loading a long window does not delay a fire.
    for (let more = true; more;) {
      try {
        for (;;) {
          const stealBefore = new Date(now.getTime() - 2 * this.intervalMs);
          const handled = await this.runtime.fireDueTimers(
            now,
            this.batchSize,
            share && { share, stealBefore },
          );
          count += handled;
          if (handled < this.batchSize) break;
        }
      } catch (err) {
        this.logger.error(`定时器触发失败：${(err as Error).message}`);
        break;
      }
      more = false;
      try {
        if (this.warm.ms > 0) {
          const at = this.clock.now();
          const until = new Date(at.getTime() + this.warm.ms);
          more = (await this.runtime.warmTimers(at, until, this.warm.limit, share)).more;
        }
      } catch (err) {
        this.logger.error(`预载定时器流程失败：${(err as Error).message}`);
      }
      // Later rounds fire what fell due while engines were loading.
      if (more) now = this.clock.now();
    }
    try {
      await this.incidents.watch(now);
    } catch (err) {
      this.logger.error(`流程停滞检查失败：${(err as Error).message}`);
    }
    this.lastPollAt = new Date();
    return count;
  }
}

export type PollerHealth = 'ok' | 'stalled' | 'off';

/** The poller is stalled when it has missed three intervals in a row (or never ran in that time). */
export function pollerHealth(input: {
  intervalMs: number;
  startedAt: Date;
  lastPollAt: Date | null;
  now: Date;
}): PollerHealth {
  if (input.intervalMs <= 0) return 'off';
  const since = (input.lastPollAt ?? input.startedAt).getTime();
  return input.now.getTime() - since > 3 * input.intervalMs ? 'stalled' : 'ok';
}
