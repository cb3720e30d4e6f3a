import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { timerPollIntervalMs } from '@app/common';
import { Database } from '@app/persistence';
import { statsCompactionRepository as rollups } from './stats-compaction.repository';

/** How many timer polls pass between two folds of the statistics rollups. */
const POLLS_PER_COMPACTION = 30;

/**
 * Keeps the statistics rollups small: every step appends a few change rows, and a periodic fold
 * turns them back into one row per key, so the overview's sums stay a few hundred rows however
 * much history there is.
 */
@Injectable()
export class StatsCompactor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('StatsCompactor');
  private handle: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(@Inject(Database) private readonly db: Database) {}

  onApplicationBootstrap(): void {
    const ms = timerPollIntervalMs();
    if (ms > 0) {
      this.handle = setInterval(() => {
        this.compact().catch((err: Error) => this.logger.error(`统计汇总整理失败：${err.message}`));
      }, ms * POLLS_PER_COMPACTION);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.handle) clearInterval(this.handle);
    await this.running?.catch(() => undefined);
  }

  /** One fold; a fold already under way is joined rather than run twice at once. */
  compact(): Promise<void> {
    if (this.running) return this.running;
    const run = this.db
      .transaction((em) => rollups.compact(em))
      .finally(() => {
        this.running = null;
      });
    this.running = run;
    return run;
  }
}
