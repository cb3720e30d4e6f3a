import { DataSource, EntityManager } from 'typeorm';
import { AsyncMutex } from './async-mutex';

/**
 * The one way to touch the database. On PostgreSQL transactions run in parallel and rely on row
 * locks; on PGlite (a single session) every unit of work is queued so transactions never interleave.
 */
/**
 * Rows of one kind that a transaction writes at its end, all in one statement, instead of one
 * statement each as they come (an audit entry per act of a step). `flush` writes them in the
 * transaction, in the order they were added.
 */
export interface DeferredRows<T> {
  flush(em: EntityManager, rows: T[]): Promise<void>;
}

export class Database {
  private readonly mutex: AsyncMutex | null;
  /** The rows each open transaction of this Database holds back until its end, by kind. */
  private readonly deferredOf = new WeakMap<EntityManager, Map<DeferredRows<unknown>, unknown[]>>();

  constructor(
    readonly dataSource: DataSource,
    readonly kind: 'pglite' | 'postgres',
  ) {
    this.mutex = kind === 'pglite' ? new AsyncMutex() : null;
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const run = async (em: EntityManager): Promise<T> => {
      this.deferredOf.set(em, new Map());
      try {
        const result = await work(em);
        await this.flushDeferred(em);
        return result;
      } finally {
        this.deferredOf.delete(em);
      }
    };
    // PGlite is this process's one session at its default level, READ COMMITTED, which nothing
    // changes: saying so again cost a statement per transaction. A server may be set otherwise.
    if (this.kind === 'pglite') return this.exclusive(() => this.dataSource.transaction(run));
    return this.exclusive(() => this.dataSource.transaction('READ COMMITTED', run));
  }

  /**
   * Holds `row` back to be written with the others of its kind at the end of the transaction `em`
   * belongs to; false when `em` is not inside a transaction of this Database (the caller writes it
   * at once).
   */
  defer<T>(em: EntityManager, kind: DeferredRows<T>, row: T): boolean {
    const deferred = this.deferredOf.get(em);
    if (!deferred) return false;
    let rows = deferred.get(kind as DeferredRows<unknown>);
    if (!rows) deferred.set(kind as DeferredRows<unknown>, (rows = []));
    rows.push(row);
    return true;
  }

  /**
   * Writes what the transaction holds back now: before a savepoint, so that a rollback to it
   * cannot undo rows added before it.
   */
  async flushDeferred(em: EntityManager): Promise<void> {
    const deferred = this.deferredOf.get(em);
    if (!deferred) return;
    for (const [kind, rows] of deferred) {
      deferred.delete(kind);
      await kind.flush(em, rows);
    }
  }

  /** Forgets what the transaction holds back: every row of it was added after the savepoint rolled back to. */
  dropDeferred(em: EntityManager): void {
    this.deferredOf.get(em)?.clear();
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
