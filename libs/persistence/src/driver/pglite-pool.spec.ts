import { PGlite } from '@electric-sql/pglite';
import { PGliteInstance } from 'typeorm-pglite/dist/pglite-instance';
import { PGlitePool } from 'typeorm-pglite/dist/pglite-pool';
import { PGliteDriver } from 'typeorm-pglite';
import { PREPARED_STATEMENTS_KEPT, PreparedPGlitePool } from './pglite-pool';

/** The protocol messages the database was sent, by their first byte ('P' parse, 'B' bind, …). */
function sent(pg: PGlite): string[] {
  const seen: string[] = [];
  const raw = pg.execProtocolRawSync.bind(pg);
  pg.execProtocolRawSync = (message: Uint8Array) => {
    for (let at = 0; at < message.length;) {
      seen.push(String.fromCharCode(message[at]));
      at += 1 + new DataView(message.buffer, message.byteOffset + at + 1, 4).getInt32(0);
    }
    return raw(message);
  };
  return seen;
}

describe('PreparedPGlitePool', () => {
  let pg: PGlite;
  const prepared = new PreparedPGlitePool();
  const plain = new PGlitePool();

  beforeAll(async () => {
    new PGliteDriver({}); // in memory, with the driver's serializers
    pg = await PGliteInstance.getInstance();
    await pg.exec(`CREATE TABLE t (id int PRIMARY KEY, name text, at timestamptz, tags text[], doc jsonb, ok boolean,
      n bigint, amount numeric)`);
  });
  afterAll(() => PGliteInstance.close());

  it('gives the rows, fields and counts PGlite’s own query gives, for every kind of parameter', async () => {
    const at = new Date('2026-12-07T08:00:00Z');
    const insert = `INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`;
    const values = [
      1,
      '王建国',
      at,
      ['a', ''],
      JSON.stringify({ k: [1, '二'] }),
      true,
      9007199254740993n,
      '87.50',
    ];
    const viaPlain = await plain.query(insert, values);
    await pg.exec(`DELETE FROM t`);
    const viaPrepared = await prepared.query(insert, values);
    expect(viaPrepared).toEqual(viaPlain);
    const select = `SELECT * FROM t WHERE id = $1 AND name = ANY($2::text[]) AND ok = $3`;
    for (let i = 0; i < 7; i++) {
      // The first calls are planned for their values, later ones may take a generic plan: same rows.
      expect(await prepared.query(select, [1, ['王建国'], true])).toEqual(
        await plain.query(select, [1, ['王建国'], true]),
      );
    }
    const update = `UPDATE t SET name = $2 WHERE id = $1`;
    expect(await prepared.query(update, [1, null])).toEqual(await plain.query(update, [1, null]));
    expect(await prepared.query(update, [2, 'x'])).toMatchObject({ affectedRows: 0, rows: [] });
  });

  it('parses a statement once: each later call is one bind, describe, execute and sync', async () => {
    const messages = sent(pg);
    const sql = `SELECT name FROM t WHERE id = $1 AND $2::int > 0`;
    for (let i = 0; i < 3; i++) await prepared.query(sql, [1, i + 1]);
    expect(messages.join('')).toBe('PDS' + 'BDES'.repeat(3));
  });

  it('answers statements run side by side each with its own rows', async () => {
    await pg.exec(`INSERT INTO t (id, name) SELECT g, 'n' || g FROM generate_series(2, 40) g`);
    const rows = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        prepared.query(`SELECT name FROM t WHERE id = $1`, [i + 1]).then((r) => r.rows),
      ),
    );
    expect(rows.map((r) => (r[0] as { name: string | null }).name)).toEqual([
      null,
      ...Array.from({ length: 39 }, (_, i) => `n${i + 2}`),
    ]);
  });

  it('throws the database’s error with the statement, and a failed parse is not kept', async () => {
    const bad = `SELECT nope FROM t WHERE id = $1`;
    const err = await prepared.query(bad, [1]).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: '42703', query: bad, params: [1] });
    await pg.exec(`ALTER TABLE t ADD COLUMN nope int`);
    expect((await prepared.query(bad, [1])).rows).toEqual([{ nope: null }]);
    // A constraint broken at execution leaves the statement usable.
    const insert = `INSERT INTO t (id) VALUES ($1)`;
    await expect(prepared.query(insert, [1])).rejects.toMatchObject({ code: '23505' });
    await expect(prepared.query(insert, [1000])).resolves.toMatchObject({ affectedRows: 1 });
  });

  it('answers a kept statement after a schema change sent through it as PGlite does (an outside tester saw 0A000)', async () => {
    const all = `SELECT * FROM t WHERE id = $1`;
    await prepared.query(all, [1]);
    await prepared.query(`ALTER TABLE t ADD COLUMN sooner text`);
    expect((await prepared.query(all, [1])).rows[0]).toHaveProperty('sooner', null);
    expect(
      (await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_prepared_statements`)).rows[0].n,
    ).toBe(1);
  });

  it('parses again a statement whose table changed its row, and keeps at most its limit', async () => {
    const all = `SELECT * FROM t WHERE id = $1`;
    await prepared.query(all, [1]);
    await pg.exec(`ALTER TABLE t ADD COLUMN later int`);
    await expect(prepared.query(all, [1])).rejects.toMatchObject({ code: '0A000' });
    expect((await prepared.query(all, [1])).rows[0]).toHaveProperty('later', null);

    for (let i = 0; i <= PREPARED_STATEMENTS_KEPT; i++)
      await prepared.query(`SELECT $1::int + ${i} AS v`, [i]);
    const kept = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_prepared_statements`);
    expect(kept.rows[0].n).toBe(PREPARED_STATEMENTS_KEPT);
  });
});
