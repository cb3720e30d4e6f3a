import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Logger } from 'typeorm';
import { Database } from './database';
import { DatabaseConfig } from './database-config';
import { initializeDatabase } from './data-source';
import { nextCounterValue } from './counter.repository';
import { MIGRATIONS } from './migrations';

function testConfig(): DatabaseConfig {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-db-'));
  if (process.env.DATABASE_URL) {
    return {
      kind: 'postgres',
      dataDir,
      url: process.env.DATABASE_URL,
      schema: `t_${Date.now()}_${process.pid}`,
    };
  }
  return { kind: 'pglite', dataDir };
}

describe('Database', () => {
  let db: Database;
  let config: DatabaseConfig;

  beforeAll(async () => {
    config = testConfig();
    db = new Database(await initializeDatabase(config), config.kind);
  });
  afterAll(async () => {
    if (config.schema) await db.dataSource.query(`DROP SCHEMA "${config.schema}" CASCADE`);
    await db.close();
  });

  it('applies every migration once and records it; a second run applies nothing', async () => {
    const rows = await db.read((em) => em.query(`SELECT name FROM migrations ORDER BY id`));
    expect(rows.map((r: { name: string }) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
    expect(await db.dataSource.runMigrations()).toEqual([]);
  });

  it('hands out counter values without gaps under concurrency, and a rollback returns the number', async () => {
    const values = await Promise.all(
      Array.from({ length: 40 }, () => db.transaction((em) => nextCounterValue(em, 'x', 2026))),
    );
    expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    await expect(
      db.transaction(async (em) => {
        await nextCounterValue(em, 'x', 2026);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.transaction((em) => nextCounterValue(em, 'x', 2026))).toBe(41);
  });

  it('runs transactions at READ COMMITTED; on PGlite without a statement to say so', async () => {
    const source = db.dataSource as unknown as { logger: Logger };
    const logger = source.logger;
    const sent: string[] = [];
    source.logger = new Proxy(logger, {
      get: (target, key) =>
        key === 'logQuery' ? (sql: string) => void sent.push(sql) : Reflect.get(target, key),
    });
    let level: string;
    try {
      level = await db.transaction(async (em) => {
        const [row]: { transaction_isolation: string }[] = await em.query(`SHOW transaction_isolation`);
        return row.transaction_isolation;
      });
    } finally {
      source.logger = logger;
    }
    expect(level).toBe('read committed');
    // PGlite is one session at its default, READ COMMITTED: a SET per transaction is a statement
    // every step paid for on the main thread.
    if (config.kind === 'pglite')
      expect(sent).toEqual(['START TRANSACTION', 'SHOW transaction_isolation', 'COMMIT']);
  });

  it('refuses UPDATE and DELETE on the audit record', async () => {
    await db.transaction((em) => em.query(`INSERT INTO audit_entry (at, action) VALUES (now(), 'test')`));
    await expect(db.transaction((em) => em.query(`UPDATE audit_entry SET action = 'x'`))).rejects.toThrow(
      /append-only/,
    );
    await expect(db.transaction((em) => em.query(`DELETE FROM audit_entry`))).rejects.toThrow(/append-only/);
  });
});
