import { PGlite, Results, parse, protocol } from '@electric-sql/pglite';
import { getPGliteInstance } from 'typeorm-pglite';
import { PGlitePool } from 'typeorm-pglite/dist/pglite-pool';

/** Statements kept prepared per PGlite instance; the least recently used beyond it are closed. */
export const PREPARED_STATEMENTS_KEPT = 500;

const { serialize } = protocol;

/** A statement parsed once under a name, with the types its parameters were given. */
interface Prepared {
  name: string;
  paramTypes: number[];
}

/** The statements prepared in one PGlite instance, in order of last use. */
interface StatementCache {
  byText: Map<string, Prepared>;
  next: number;
}

const caches = new WeakMap<PGlite, StatementCache>();

/**
 * The PGlite pool TypeORM queries through. PGlite runs the database in this process's main thread,
 * so what a statement costs the server (parsing, analysing and planning it) is the step's CPU.
 * PGlite's own `query` sends each statement unnamed (parsed and planned on every call) in six
 * round trips into the database (parse, describe, bind, describe, execute, sync). A statement with
 * parameters is parsed here once under a name, with its parameter types remembered, and each call
 * after is one round trip: bind, describe, execute, sync. PostgreSQL may then reuse a generic plan
 * (its plan cache decides, as for any prepared statement). The results are parsed by PGlite's own
 * `parseResults`, so TypeORM sees the same rows, fields and counts. A statement without parameters
 * (transaction control, migrations) goes through PGlite's `exec` as before.
 */
export class PreparedPGlitePool extends PGlitePool {
  // typeorm-pglite's signature: TypeORM calls it with (sql, params) and awaits the result.
  override async query(
    sql: string,
    params?: unknown[],
    callback?: (err: unknown, res: Results<unknown> | null) => void,
  ): Promise<Results<unknown>> {
    if (!Array.isArray(params) || params.length === 0) {
      // A schema change can change what a kept statement returns ("cached plan must not change
      // result type" on its next call, where PGlite's own unnamed statements just work): every kept
      // statement is closed first and parsed again when next used.
      if (SCHEMA_CHANGE.test(sql)) await forgetAll(await getPGliteInstance());
      return super.query(sql, params, callback);
    }
    const pg = await getPGliteInstance();
    try {
      // PGlite keeps the messages of the exchange under way on the instance: one at a time, with its own.
      const result = await pg._runExclusiveQuery(() => runPrepared(pg, sql, params));
      callback?.(null, result);
      return result;
    } catch (err) {
      callback?.(err, null);
      throw err;
    }
  }
}

async function runPrepared(pg: PGlite, sql: string, params: unknown[]): Promise<Results> {
  let cache = caches.get(pg);
  if (!cache) caches.set(pg, (cache = { byText: new Map(), next: 0 }));
  let statement = cache.byText.get(sql);
  if (statement) {
    // Most recently used last: the first entries are the ones to close when the cache is full.
    cache.byText.delete(sql);
    cache.byText.set(sql, statement);
  } else {
    statement = await prepare(pg, cache, sql, params);
  }
  const values = params.map((param, i) => {
    if (param === null || param === undefined) return null;
    const serializer = pg.serializers[statement.paramTypes[i]];
    return serializer ? serializer(param) : String(param);
  });
  try {
    const messages = await pg.execProtocolStream(
      concat([
        serialize.bind({ statement: statement.name, values }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ]),
    );
    return parse.parseResults(messages, pg.parsers)[0];
  } catch (err) {
    // A table changed under a statement that returns its whole row: parsed again on the next call.
    if ((err as { code?: string }).code === '0A000') forget(pg, cache, sql);
    throw withQuery(err, sql, params);
  }
}

/** Parses `sql` under a new name and reads the types of its parameters. */
async function prepare(pg: PGlite, cache: StatementCache, sql: string, params: unknown[]): Promise<Prepared> {
  const name = `sa_${cache.next++}`;
  let messages;
  try {
    messages = await pg.execProtocolStream(
      concat([
        serialize.parse({ name, text: sql }),
        serialize.describe({ type: 'S', name }),
        serialize.sync(),
      ]),
      { syncToFs: false },
    );
  } catch (err) {
    throw withQuery(err, sql, params);
  }
  const statement = { name, paramTypes: parse.parseDescribeStatementResults(messages) };
  cache.byText.set(sql, statement);
  if (cache.byText.size > PREPARED_STATEMENTS_KEPT) {
    const [oldest] = cache.byText.keys();
    await forget(pg, cache, oldest);
  }
  return statement;
}

/** Statements that change the schema (sent without parameters, as TypeORM and migrations send them). */
const SCHEMA_CHANGE = /^\s*(ALTER|CREATE|DROP|TRUNCATE|COMMENT|GRANT|REVOKE)\b/i;

/** Closes every kept statement of the instance. */
async function forgetAll(pg: PGlite): Promise<void> {
  const cache = caches.get(pg);
  if (!cache?.byText.size) return;
  cache.byText.clear();
  await pg.exec('DEALLOCATE ALL');
}

async function forget(pg: PGlite, cache: StatementCache, sql: string): Promise<void> {
  const statement = cache.byText.get(sql);
  if (!statement) return;
  cache.byText.delete(sql);
  await pg.execProtocolStream(
    concat([serialize.close({ type: 'S', name: statement.name }), serialize.sync()]),
    {
      syncToFs: false,
      throwOnError: false,
    },
  );
}

/** The error as PGlite's own `query` gives it: with the statement and its parameters. */
function withQuery(err: unknown, query: string, params: unknown[]): unknown {
  if (err && typeof err === 'object') Object.assign(err, { query, params, queryOptions: undefined });
  return err;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
