import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock, timerPollIntervalMs } from '@app/common';
import { ProcessRuntime } from './process-runtime.service';
import { IncidentService } from './incidents/incident.service';

/**
 * Fires due timers from the database. Several API processes may poll at once: each timer is
 * claimed with FOR UPDATE SKIP LOCKED and fired in the transaction that marks it fired.
 */
@Injectable()
export class TimerPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TimerPoller');
  private handle: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private readonly startedAt = new Date();
  private readonly intervalMs = timerPollIntervalMs();
  lastPollAt: Date | null = null;

  constructor(
    @Inject(ProcessRuntime) private readonly runtime: ProcessRuntime,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(IncidentService) private readonly incidents: IncidentService,
  ) {}

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

  private async drain(now: Date): Promise<number> {
    let count = 0;
    try {
      while (await this.runtime.fireNextDueTimer(now)) count++;
    } catch (err) {
      this.logger.error(`定时器触发失败：${(err as Error).message}`);
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
