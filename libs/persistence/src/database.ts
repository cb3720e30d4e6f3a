import { DataSource, EntityManager } from 'typeorm';
import { AsyncMutex } from './async-mutex';

/**
 * The one way to touch the database. On PostgreSQL transactions run in parallel and rely on row
 * locks; on PGlite (a single session) every unit of work is queued so transactions never interleave.
 */
export class Database {
  private readonly mutex: AsyncMutex | null;

  constructor(
    readonly dataSource: DataSource,
    readonly kind: 'pglite' | 'postgres',
  ) {
    this.mutex = kind === 'pglite' ? new AsyncMutex() : null;
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    // PGlite is this process's one session at its default level, READ COMMITTED, which nothing
    // changes: saying so again cost a statement per transaction. A server may be set otherwise.
    if (this.kind === 'pglite') return this.exclusive(() => this.dataSource.transaction(work));
    return this.exclusive(() => this.dataSource.transaction('READ COMMITTED', work));
  }

  read<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.exclusive(() => work(this.dataSource.manager));
  }

  /**
   * Runs `work` while no unit of work of this process runs: on PGlite the queue, so work that reads
   * the database outside TypeORM (an online backup) sees one state; on PostgreSQL it runs at once.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.mutex ? this.mutex.run(work) : work();
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
