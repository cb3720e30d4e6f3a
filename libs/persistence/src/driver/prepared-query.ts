import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';
import { PreparedPGlitePool } from './pglite-pool';

/**
 * Runs a statement whose text never changes as a prepared statement on its connection, so the
 * server parses and plans it once per connection instead of on every call: for a long statement
 * read on every page view (the case page's), parsing and planning cost the server several times
 * what running it does. PostgreSQL's plan cache then keeps a generic plan where it prices no worse
 * than the custom ones, so a statement whose plan depends on its parameters' values should not
 * come here. On PGlite every statement with parameters is prepared already (PreparedPGlitePool).
 * The statement is named by its text's hash: two texts never share a name, and one text keeps its
 * name on every connection. Logged as TypeORM logs its own queries (statement counts see it).
 */
export async function preparedQuery<T>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const driver = em.connection.driver as unknown as { master?: unknown };
  if (driver.master instanceof PreparedPGlitePool) return em.query(sql, params);
  const runner = em.queryRunner ?? em.connection.createQueryRunner();
  try {
    const client = (await runner.connect()) as PoolClient;
    em.connection.logger.logQuery(sql, params, runner);
    const name = statementName(sql);
    const result = await client.query<T & object>({ name, text: sql, values: params });
    return result.rows;
  } finally {
    if (!em.queryRunner) await runner.release();
  }
}

/** The callers send a few fixed texts: each is hashed once per process, not on every request. */
const names = new Map<string, string>();
function statementName(sql: string): string {
  let name = names.get(sql);
  if (name === undefined) {
    name = `p${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    names.set(sql, name);
  }
  return name;
}
