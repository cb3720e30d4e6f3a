import { EntityManager } from 'typeorm';

/**
 * Next value of a gap-free counter inside the caller's transaction: the row lock is held until
 * commit, and a rollback gives the number back, so numbers are never skipped or reused.
 */
export async function nextCounterValue(em: EntityManager, scope: string, year: number): Promise<number> {
  const rows: { value: number }[] = await em.query(
    `INSERT INTO counter (scope, year, value) VALUES ($1, $2, 1)
     ON CONFLICT (scope, year) DO UPDATE SET value = counter.value + 1
     RETURNING value`,
    [scope, year],
  );
  return rows[0].value;
}
