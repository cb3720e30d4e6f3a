import type { Client } from 'pg';
import { EntityManager } from 'typeorm';

/** Townships × villages the copies spread over (the real county's codes, 410799100 upwards). */
export const SCALE_TOWNSHIPS = 20;
export const SCALE_VILLAGES = 10;

/**
 * The SQL that grows a seeded database for `npm run bench:scale`: every seeded case copied `copies`
 * times with its process instance, tasks, assessments and case audit entries, spread over 20
 * townships × 10 villages. Copies keep every column of the real row but a stub engine state (the
 * bench reads them, it never steps them).
 */
export const scaleRepository = {
  /** Drops and creates the bench's own database, through a connection to another one. */
  async recreateDatabase(admin: Client, name: string): Promise<void> {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  },

  async regions(em: EntityManager): Promise<void> {
    await em.query(
      `INSERT INTO region (code, name, level, parent_code)
       SELECT '410799' || (100 + t), '规模测试' || (100 + t) || '镇', 'township', '410799'
       FROM generate_series(0, $1 - 1) t ON CONFLICT (code) DO NOTHING`,
      [SCALE_TOWNSHIPS],
    );
    await em.query(
      `INSERT INTO region (code, name, level, parent_code)
       SELECT '410799' || (100 + t) || (201 + v), '规模测试' || (100 + t) || '镇' || (201 + v) || '村', 'village',
              '410799' || (100 + t)
       FROM generate_series(0, $1 - 1) t, generate_series(0, $2 - 1) v ON CONFLICT (code) DO NOTHING`,
      [SCALE_TOWNSHIPS, SCALE_VILLAGES],
    );
  },

  /** Copies k = from..to of every seeded case (the rows present before the first copy). */
  async copy(em: EntityManager, from: number, to: number): Promise<void> {
    const seeds = `SELECT c.*, row_number() OVER (ORDER BY c.case_no) AS n FROM assistance_case c WHERE c.case_no NOT LIKE '%#%'`;
    const id = (prefix: string, col: string) => `md5('${prefix}' || ${col}::text || '#' || k)::uuid`;
    const village = `'410799' || (100 + ((s.n + k) % ${SCALE_TOWNSHIPS})) || (201 + (((s.n + k) / ${SCALE_TOWNSHIPS}) % ${SCALE_VILLAGES}))`;
    await em.query(
      `INSERT INTO process_instance
       SELECT r.*
       FROM (${seeds}) s JOIN process_instance p ON p.id = s.process_instance_id, generate_series($1::int, $2::int) k,
         LATERAL jsonb_populate_record(NULL::process_instance, to_jsonb(p)
                || jsonb_build_object('id', ${id('i', 'p.id')}, 'state', '{}'::jsonb)) r`,
      [from, to],
    );
    await em.query(
      `INSERT INTO assistance_case
       SELECT r.*
       FROM (${seeds}) s JOIN assistance_case c ON c.id = s.id, generate_series($1::int, $2::int) k,
         LATERAL jsonb_populate_record(NULL::assistance_case, to_jsonb(c)
                || jsonb_build_object('id', ${id('c', 'c.id')}, 'process_instance_id', ${id('i', 'c.process_instance_id')},
                                      'case_no', c.case_no || '#' || k, 'region_code', ${village},
                                      'parent_case_id', NULL)) r`,
      [from, to],
    );
    await em.query(
      `INSERT INTO assessment
       SELECT r.*
       FROM (${seeds}) s JOIN assessment a ON a.case_id = s.id, generate_series($1::int, $2::int) k,
         LATERAL jsonb_populate_record(NULL::assessment, to_jsonb(a)
                || jsonb_build_object('id', ${id('a', 'a.id')}, 'case_id', ${id('c', 'a.case_id')})) r`,
      [from, to],
    );
    await em.query(
      `INSERT INTO task
       SELECT r.*
       FROM (${seeds}) s JOIN task t ON t.instance_id = s.process_instance_id, generate_series($1::int, $2::int) k,
         LATERAL jsonb_populate_record(NULL::task, to_jsonb(t)
                || jsonb_build_object('id', ${id('t', 't.id')}, 'instance_id', ${id('i', 't.instance_id')})) r`,
      [from, to],
    );
    await em.query(
      `INSERT INTO audit_entry (at, actor_id, action, case_id, detail, origin, actor_name, actor_role, actor_region, actor_sealed)
       SELECT e.at, e.actor_id, e.action, ${id('c', 'e.case_id')}, e.detail, e.origin, e.actor_name, e.actor_role,
              e.actor_region, e.actor_sealed
       FROM (${seeds}) s JOIN audit_entry e ON e.case_id = s.id, generate_series($1::int, $2::int) k`,
      [from, to],
    );
  },

  async seedCount(em: EntityManager): Promise<number> {
    const [{ n }]: { n: number }[] = await em.query(
      `SELECT count(*)::int AS n FROM assistance_case WHERE case_no NOT LIKE '%#%'`,
    );
    return n;
  },

  async counts(em: EntityManager): Promise<Record<string, number>> {
    const [row]: Record<string, number>[] = await em.query(
      `SELECT (SELECT count(*)::int FROM assistance_case) AS cases, (SELECT count(*)::int FROM task) AS tasks,
              (SELECT count(*)::int FROM task WHERE status = 'open') AS "openTasks",
              (SELECT count(*)::int FROM audit_entry) AS "auditEntries"`,
    );
    return row;
  },

  async compactStats(em: EntityManager): Promise<void> {
    await em.query(`SELECT stats_compact()`);
  },

  async analyze(em: EntityManager): Promise<void> {
    await em.query(`ANALYZE`);
  },

  /** Case ids in a township, for detail reads spread over the data. */
  sampleCases(em: EntityManager, township: string, n: number): Promise<{ id: string }[]> {
    return em.query(
      `SELECT id FROM assistance_case WHERE region_code LIKE $1 || '%' ORDER BY md5(id::text) LIMIT $2`,
      [township, n],
    );
  },

  /** Replays one captured statement, as the endpoint sent it. */
  replay(em: EntityManager, sql: string, params: unknown[]): Promise<unknown> {
    return em.query(sql, params);
  },
};
