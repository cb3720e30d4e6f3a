import { QueryRunner } from 'typeorm';
import { Database } from '@app/persistence';
import { timerRepository as timerRepo } from './timer.repository';

/**
 * This process's part of the timers when several processes poll one database: the instances whose
 * id falls in share `index` of `count` (the id's last byte modulo `count`). A process loads ahead
 * and claims first the timers of its own share, so that two processes do not both load every engine.
 */
export interface TimerShare {
  index: number;
  count: number;
}

/**
 * Which timer pollers are alive, from PostgreSQL itself: each holds a session-level advisory lock
 * (its slot) on a connection of its own for as long as it lives. A process that dies, even by
 * `kill -9`, loses its connection and with it its slot, so at the next poll the others divide the
 * instances among themselves without it. On PGlite there is one process and no share.
 */
export class TimerShares {
  private runner: QueryRunner | null = null;
  private slot: number | null = null;

  constructor(private readonly db: Database) {}

  /** The share for this poll; null (every timer) when alone, on PGlite, or when the slot is lost. */
  async current(): Promise<TimerShare | null> {
    if (this.db.kind !== 'postgres') return null;
    try {
      if (!this.runner) await this.join();
      const slots = await timerRepo.pollerSlots(this.runner!);
      const index = slots.findIndex((s) => s.mine && s.slot === this.slot);
      if (index < 0) throw new Error('定时器轮询槽位已丢失');
      return slots.length > 1 ? { index, count: slots.length } : null;
    } catch {
      // A broken connection: poll for every timer, and take a slot again at the next poll.
      await this.leave();
      return null;
    }
  }

  async leave(): Promise<void> {
    const runner = this.runner;
    this.runner = null;
    this.slot = null;
    if (!runner) return;
    await timerRepo.releaseSlots(runner).catch(() => undefined);
    await runner.release().catch(() => undefined);
  }

  private async join(): Promise<void> {
    const runner = await timerRepo.pollerConnection(this.db.dataSource);
    this.runner = runner;
    this.slot = await timerRepo.takeSlot(runner);
  }
}
