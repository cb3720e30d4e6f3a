import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '@app/common';
import { ProcessRuntime } from './process-runtime.service';

/**
 * Fires due timers from the database. Several API processes may poll at once: each timer is
 * claimed with FOR UPDATE SKIP LOCKED and fired in the transaction that marks it fired.
 */
@Injectable()
export class TimerPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TimerPoller');
  private handle: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  lastPollAt: Date | null = null;

  constructor(
    @Inject(ProcessRuntime) private readonly runtime: ProcessRuntime,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const intervalMs = Number(process.env.TIMER_POLL_MS ?? 5000);
    if (intervalMs > 0) this.handle = setInterval(() => void this.poll(), intervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.handle) clearInterval(this.handle);
    await this.running;
  }

  /** Fires every timer due by `now`; returns how many were handled. */
  poll(now: Date = this.clock.now()): Promise<number> {
    if (!this.running) {
      this.running = this.drain(now).finally(() => (this.running = null));
    }
    return this.running;
  }

  private async drain(now: Date): Promise<number> {
    let count = 0;
    try {
      while (await this.runtime.fireNextDueTimer(now)) count++;
    } catch (err) {
      this.logger.error(`定时器触发失败：${(err as Error).message}`);
    }
    this.lastPollAt = new Date();
    return count;
  }
}
