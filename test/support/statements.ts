import type { Logger } from 'typeorm';
import { TestApp } from './test-app';

/** One statement sent to the database, with its parameters. */
export interface SentStatement {
  sql: string;
  params: unknown[];
}

/** Every statement the database is sent while `work` runs, with its parameters. */
export async function sentStatements(t: TestApp, work: () => Promise<unknown>): Promise<SentStatement[]> {
  const source = t.db.dataSource as unknown as { logger: Logger };
  const logger = source.logger;
  const seen: SentStatement[] = [];
  source.logger = new Proxy(logger, {
    get: (target, key) =>
      key === 'logQuery'
        ? (sql: string, params?: unknown[]) => void seen.push({ sql, params: params ?? [] })
        : Reflect.get(target, key),
  });
  try {
    await work();
  } finally {
    source.logger = logger;
  }
  return seen;
}

/** Every statement the database is sent while `work` runs. */
export async function statements(t: TestApp, work: () => Promise<unknown>): Promise<string[]> {
  return (await sentStatements(t, work)).map((s) => s.sql);
}

/** A node of `EXPLAIN (FORMAT JSON)`, with the fields the plan specs read. */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

/**
 * The nodes of a statement's plan, with sorts and sequential scans priced out: what is left is
 * whether an index can answer it in order, which the tiny test tables would otherwise hide.
 */
export async function planNodes(t: TestApp, s: SentStatement): Promise<PlanNode[]> {
  const plan = await t.db.transaction(async (em) => {
    await em.query(`SET LOCAL enable_sort = off`);
    await em.query(`SET LOCAL enable_seqscan = off`);
    const [row]: { 'QUERY PLAN': [{ Plan: PlanNode }] }[] = await em.query(
      `EXPLAIN (FORMAT JSON) ${s.sql}`,
      s.params,
    );
    return row['QUERY PLAN'][0].Plan;
  });
  const all = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(all)];
  return all(plan);
}
