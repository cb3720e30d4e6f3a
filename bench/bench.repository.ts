import { DataSource, EntityManager } from 'typeorm';
import { Household } from '@app/assessment';

/** The benchmarks' own SQL: their scratch table, bulk fixtures cloned from one real row, counts. */
export const benchRepository = {
  async archivedDocuments(em: EntityManager): Promise<number> {
    const [{ n }]: { n: number }[] = await em.query(
      `SELECT count(*)::int AS n FROM document WHERE status = 'archived'`,
    );
    return n;
  },

  /** A scratch table of stored households, as a re-assessment over all of them would read them. */
  async createHouseholdTable(em: EntityManager): Promise<void> {
    await em.query(`CREATE TABLE bench_household (id int PRIMARY KEY, household jsonb NOT NULL)`);
  },

  async insertHouseholds(em: EntityManager, batch: { id: number; household: Household }[]): Promise<void> {
    await em.query(
      `INSERT INTO bench_household (id, household)
       SELECT (x->>'id')::int, x->'household' FROM jsonb_array_elements($1::jsonb) x`,
      [JSON.stringify(batch)],
    );
  },

  /** Households with ids in [from, to), in id order. */
  async households(em: EntityManager, from: number, to: number): Promise<Household[]> {
    const rows: { household: Household }[] = await em.query(
      `SELECT household FROM bench_household WHERE id >= $1 AND id < $2 ORDER BY id`,
      [from, to],
    );
    return rows.map((r) => r.household);
  },

  async cancelTimers(em: EntityManager, instanceId: string): Promise<void> {
    await em.query(`UPDATE timer SET status = 'cancelled' WHERE instance_id = $1`, [instanceId]);
  },

  /**
   * `count` copies of an instance (business keys `<prefix>1`…), each with a pending timer at
   * `elementId` due `dueDays` from now, or at `dueAt`.
   */
  async cloneWithTimers(
    em: EntityManager,
    c: {
      instanceId: string;
      prefix: string;
      count: number;
      elementId: string;
      dueDays?: number;
      dueAt?: Date;
    },
  ): Promise<void> {
    await em.query(
      `INSERT INTO process_instance (id, definition_id, business_key, status, outcome, state, version, started_at, updated_at, ended_at)
       SELECT gen_random_uuid(), definition_id, $2 || g, status, outcome, state, version, started_at, updated_at, ended_at
         FROM process_instance, generate_series(1, $3::int) g WHERE id = $1`,
      [c.instanceId, c.prefix, c.count],
    );
    await em.query(
      `INSERT INTO timer (id, instance_id, element_id, due_at, status, created_at)
       SELECT gen_random_uuid(), id, $3, coalesce($4::timestamptz, now() + make_interval(days => $2::int)), 'pending', now()
         FROM process_instance WHERE business_key LIKE $1`,
      [`${c.prefix}%`, c.dueDays ?? 0, c.elementId, c.dueAt ?? null],
    );
  },

  async pendingTimers(em: EntityManager): Promise<number> {
    const [{ n }]: { n: number }[] = await em.query(
      `SELECT count(*)::int AS n FROM timer WHERE status = 'pending'`,
    );
    return n;
  },

  async dropSchema(dataSource: DataSource, schema: string): Promise<void> {
    await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
  },
};
