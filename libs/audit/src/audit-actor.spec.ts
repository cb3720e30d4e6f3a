import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Database, DatabaseConfig, initializeDatabase } from '@app/persistence';
import { AUDIT_GENESIS_HASH, auditEntryHash } from './audit-chain';
import { AuditService } from './audit.service';

/**
 * The actor as they were (issue 14, finding 5): entries sealed before the actor columns existed
 * still verify after the migration fills them in; entries written since seal name, role and region.
 */
function testConfig(): DatabaseConfig {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-audit-actor-'));
  if (process.env.DATABASE_URL) {
    return {
      kind: 'postgres',
      dataDir,
      url: process.env.DATABASE_URL,
      schema: `t_actor_${Date.now()}_${process.pid}`,
    };
  }
  return { kind: 'pglite', dataDir };
}

const USER = '00000000-0000-4000-8000-0000000000a1';
const AT = new Date('2026-11-01T02:00:00Z');

describe('audit entries keep their actor as they were', () => {
  let db: Database;
  let config: DatabaseConfig;
  let audit: AuditService;
  const sql = <T = Record<string, unknown>>(q: string, p: unknown[] = []) =>
    db.transaction((em) => em.query(q, p) as Promise<T[]>);

  beforeAll(async () => {
    config = testConfig();
    db = new Database(await initializeDatabase(config), config.kind);
    audit = new AuditService(db);
    // Back to the schema before the migration, with a record sealed the old way.
    const migration = db.dataSource.migrations.find((m) => m.name === 'AuditActor1765010000000')!;
    const runner = db.dataSource.createQueryRunner();
    await migration.down(runner);
    await sql(`INSERT INTO region (code, name, level) VALUES ('410799', '平安县', 'county')`);
    await sql(
      `INSERT INTO app_user (id, username, display_name, role, region_code, password_hash)
       VALUES ($1, 'clerk', '李窗口', 'window_clerk', '410799', 'x')`,
      [USER],
    );
    await sql(
      `INSERT INTO audit_entry (at, actor_id, action, detail, origin) VALUES ($1, $2, 'auth.login', '{"username":"clerk"}', '{"ip":"127.0.0.1"}')`,
      [AT, USER],
    );
    await sql(
      `INSERT INTO audit_entry (at, actor_id, action, detail) VALUES ($1, NULL, 'auth.login_failed', '{"username":"nobody"}')`,
      [AT],
    );
    let prev = AUDIT_GENESIS_HASH;
    for (const e of await sql<{
      id: string;
      at: Date;
      actor_id: string | null;
      action: string;
      detail: unknown;
      origin: unknown;
    }>(`SELECT id, at, actor_id, action, detail, origin FROM audit_entry ORDER BY id`)) {
      const hash = auditEntryHash(prev, {
        id: String(e.id),
        at: new Date(e.at),
        actorId: e.actor_id,
        action: e.action,
        caseId: null,
        detail: e.detail,
        origin: e.origin,
      });
      await sql(
        `INSERT INTO audit_chain (audit_id, prev_hash, entry_hash, sealed_at) VALUES ($1, $2, $3, now())`,
        [e.id, prev, hash],
      );
      prev = hash;
    }
    await migration.up(runner);
    await runner.release();
  });
  afterAll(async () => {
    if (config.schema) await db.dataSource.query(`DROP SCHEMA "${config.schema}" CASCADE`);
    await db.close();
  });

  it('fills in the actor of old entries, and their sealed hashes still verify', async () => {
    const rows = await sql(
      `SELECT actor_name, actor_role, actor_region, actor_sealed FROM audit_entry ORDER BY id`,
    );
    expect(rows).toEqual([
      { actor_name: '李窗口', actor_role: 'window_clerk', actor_region: '410799', actor_sealed: false },
      { actor_name: null, actor_role: null, actor_region: null, actor_sealed: false },
    ]);
    expect(await audit.verify()).toMatchObject({ ok: true, sealed: 2, unsealed: 0 });
  });

  it('writes new entries with the actor as they are, unchanged by a later rename, and seals it', async () => {
    await db.transaction((em) =>
      audit.record(em, { at: AT, actorId: USER, action: 'case.apply', detail: {} }),
    );
    await sql(`UPDATE app_user SET display_name = '李改名' WHERE id = $1`, [USER]);
    const [row] = await sql(`SELECT actor_name, actor_sealed FROM audit_entry ORDER BY id DESC LIMIT 1`);
    expect(row).toEqual({ actor_name: '李窗口', actor_sealed: true });
    const page = await audit.search({ role: 'auditor', regionCode: '410799' }, { action: 'case.apply' });
    expect(page.entries[0]).toMatchObject({
      actorName: '李窗口',
      actorRole: 'window_clerk',
      actorRegionCode: '410799',
    });
    expect(await audit.verify()).toMatchObject({ ok: true, sealed: 3 });
  });

  it('finds a sealed actor name changed behind the trigger', async () => {
    await sql(`ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only`);
    try {
      await sql(`UPDATE audit_entry SET actor_name = '王冒名' WHERE action = 'case.apply'`);
      expect(await audit.verify()).toMatchObject({ ok: false, problem: expect.stringContaining('被修改') });
      // Passing the actor off as the origin (or unsealing it) does not help either.
      await sql(
        `UPDATE audit_entry SET actor_name = '李窗口', actor_sealed = false,
           origin = '{"actor":{"name":"李窗口","role":"window_clerk","regionCode":"410799"}}' WHERE action = 'case.apply'`,
      );
      expect(await audit.verify()).toMatchObject({ ok: false });
      await sql(`UPDATE audit_entry SET actor_sealed = true, origin = NULL WHERE action = 'case.apply'`);
      expect(await audit.verify()).toMatchObject({ ok: true });
    } finally {
      await sql(`ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only`);
    }
  });
});
