import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '@app/common';
import { Database } from '@app/persistence';
import { clockRepository } from './clock.repository';

/**
 * Keeps the demo's move of the application clock across restarts. Without it a restart put the
 * clock back by the days the demo had moved it: tasks opened on the moved clock were then
 * completed "before" they opened, and the overview showed a negative average (平均 -8.0 天).
 */
@Injectable()
export class ClockStore implements OnApplicationBootstrap {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(Database) private readonly db: Database,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const stored = await this.db.read((em) => clockRepository.offset(em));
    if (stored !== null) this.clock.advance(stored - this.offsetMs());
  }

  /** Records where the clock stands now (after the demo or the seed moved it). */
  async save(): Promise<void> {
    const offset = this.offsetMs();
    await this.db.transaction((em) => clockRepository.save(em, offset));
  }

  private offsetMs(): number {
    return this.clock.now().getTime() - Date.now();
  }
}
