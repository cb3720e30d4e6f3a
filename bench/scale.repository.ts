import type { Client } from 'pg';
import { EntityManager } from 'typeorm';

/** Townships × villages the copies spread over (the real county's codes, 410799100 upwards). */
export const SCALE_TOWNSHIPS = 20;
export const SCALE_VILLAGES = 10;

/** The tables a copy writes. */
const COPIED = ['process_instance', 'assistance_case', 'assessment', 'task', 'audit_entry', 'document'];

/** The copied tables read by case or instance, and how their rows join the seeds (`markSeeds`). */
const SEED_ROWS = [
  ['assessment', 'x.case_id = s.id'],
  ['task', 'x.instance_id = s.process_instance_id'],
  ['document', 'x.case_id = s.id'],
  ['audit_entry', 'x.case_id = s.id'],
] as const;

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

  /**
   * Documents still waiting to be rendered: the API renders every one when it starts. A grow
   * before the seed's documents were archived copied them pending, by the million.
   */
  async pendingDocuments(client: Client): Promise<number> {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM document WHERE status = 'pending'`,
    );
    return rows[0].n;
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

  /**
   * The seeded cases, numbered, and their rows of the copied tables that are found by case or
   * instance, each kept in a table of its own: with the secondary indexes dropped, a chunk that
   * joined the seeds to `task` or `document` scanned the whole table, so each chunk took longer
   * than the one before (figures in `generation` of bench/scale-results.json).
   */
  async markSeeds(em: EntityManager): Promise<void> {
    await em.query(`DROP TABLE IF EXISTS scale_seed`);
    await em.query(
      `CREATE TABLE scale_seed AS
       SELECT c.id, c.process_instance_id, row_number() OVER (ORDER BY c.case_no) AS n
       FROM assistance_case c WHERE c.case_no NOT LIKE '%#%'`,
    );
    for (const [table, on] of SEED_ROWS) {
      await em.query(`DROP TABLE IF EXISTS scale_seed_${table}`);
      await em.query(
        `CREATE TABLE scale_seed_${table} AS SELECT x.* FROM ${table} x JOIN scale_seed s ON ${on}`,
      );
    }
  },

  /**
   * Drops the copied tables' secondary indexes (not those of a key or constraint), to build once
   * after the copy rather than update row by row during it. Their definitions wait in
   * `scale_pending_index`, so a grow that was stopped half-way is finished by the next run.
   */
  async dropSecondaryIndexes(em: EntityManager): Promise<void> {
    await em.query(`CREATE TABLE IF NOT EXISTS scale_pending_index (def text NOT NULL)`);
    const rows: { name: string; def: string }[] = await em.query(
      `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
       WHERE i.schemaname = current_schema() AND i.tablename = ANY($1::text[])
         AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)`,
      [COPIED],
    );
    for (const r of rows) {
      await em.query(`INSERT INTO scale_pending_index (def) VALUES ($1)`, [r.def]);
      await em.query(`DROP INDEX "${r.name}"`);
    }
  },

  /** The indexes a grow dropped and has not built yet; none when no grow was stopped half-way. */
  async pendingIndexes(em: EntityManager): Promise<string[] | null> {
    const [{ pending }]: { pending: boolean }[] = await em.query(
      `SELECT to_regclass('scale_pending_index') IS NOT NULL AS pending`,
    );
    if (!pending) return null;
    const rows: { def: string }[] = await em.query(`SELECT def FROM scale_pending_index`);
    return rows.map((r) => r.def);
  },

  async createIndex(em: EntityManager, def: string): Promise<void> {
    await em.query(`SET LOCAL maintenance_work_mem = '1GB'`);
    await em.query(def.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS '));
  },

  async endGrow(em: EntityManager): Promise<void> {
    await em.query(`DROP TABLE IF EXISTS scale_pending_index`);
    await em.query(`DROP TABLE IF EXISTS scale_seed`);
    for (const [table] of SEED_ROWS) await em.query(`DROP TABLE IF EXISTS scale_seed_${table}`);
  },

  /** Each copied table's columns, in order. */
  async columns(em: EntityManager): Promise<Record<string, string[]>> {
    const rows: { table: string; columns: string[] }[] = await em.query(
      `SELECT table_name AS table, array_agg(column_name::text ORDER BY ordinal_position) AS columns
       FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ANY($1::text[])
       GROUP BY table_name`,
      [COPIED],
    );
    return Object.fromEntries(rows.map((r) => [r.table, r.columns]));
  },

  /**
   * Copies k = from..to of every seeded case (`markSeeds`). Each copy keeps every column of its
   * seed row but those named here: new ids, a case number and village of its own, a stub engine
   * state.
   */
  async copy(em: EntityManager, columns: Record<string, string[]>, from: number, to: number): Promise<void> {
    // Row triggers (foreign keys, the statistics rollups, the task's copies of the case's keys)
    // cost more than the copy itself at a million cases; the copies reference rows that exist, set
    // the task's keys themselves, and `rebuildStats` recounts the rollups once at the end.
    await em.query(`SET LOCAL session_replication_role = replica`);
    // Each chunk's rows sorted by key before they reach the primary-key indexes (see `id`).
    await em.query(`SET LOCAL work_mem = '256MB'`);
    // A copy's key leads with its copy number k and is random after it (md5 of the seed row's id and
    // k, with the version and variant of a v4 UUID): distinct, still a UUID, but each chunk's keys
    // fall in one range at the right of the index, so key inserts touch a few recent pages. Wholly
    // random keys sent every insert to a random leaf, and the grow slowed as the indexes left the
    // cache.
    const id = (prefix: string, col: string) =>
      `(lpad(to_hex(k), 8, '0') || substr(md5('${prefix}' || ${col}::text || '#' || k), 9, 4) || '4'
        || substr(md5('${prefix}' || ${col}::text || '#' || k), 14, 3) || '8'
        || substr(md5('${prefix}' || ${col}::text || '#' || k), 18, 15))::uuid`;
    const copyId = (col: string) => `lpad(k::text, 6, '0') || substr(${col}, 7)`;
    const village = `'410799' || (100 + ((s.n + k) % ${SCALE_TOWNSHIPS})) || (201 + (((s.n + k) / ${SCALE_TOWNSHIPS}) % ${SCALE_VILLAGES}))`;
    // A column set to '' is left to its default (the audit entry's serial id).
    const insert = (table: string, alias: string, set: Record<string, string>, source: string, key = 'k') => {
      // The audit entry's only index left during the copy is its serial key: no order to keep.
      const order = key ? ` ORDER BY ${key}` : '';
      const cols = columns[table].filter((c) => set[c] !== '');
      return em.query(
        `INSERT INTO ${table} (${cols.join(', ')})
         SELECT ${cols.map((c) => set[c] ?? `${alias}.${c}`).join(', ')}
         FROM ${source}, generate_series($1::int, $2::int) k${order}`,
        [from, to],
      );
    };
    await insert(
      'process_instance',
      'p',
      { id: id('i', 'p.id'), state: `'{}'::jsonb`, business_key: `${id('c', 's.id')}::text` },
      `scale_seed s JOIN process_instance p ON p.id = s.process_instance_id`,
    );
    await insert(
      'assistance_case',
      'c',
      {
        id: id('c', 'c.id'),
        process_instance_id: id('i', 'c.process_instance_id'),
        case_no: `c.case_no || '#' || k`,
        region_code: village,
        // Each copy is another household: its people's ID numbers differ from every other copy's
        // (the copy number replaces the 6-digit region part; the birth date stays readable), or
        // one benefit once would find a hundred thousand overlaps on every case page.
        applicant_id_number: copyId('c.applicant_id_number'),
        household: `COALESCE((SELECT jsonb_agg(CASE WHEN m ? 'idNumber'
                      THEN m || jsonb_build_object('idNumber', ${copyId(`m->>'idNumber'`)}) ELSE m END ORDER BY o)
                    FROM jsonb_array_elements(c.household) WITH ORDINALITY x(m, o)), '[]'::jsonb)`,
        parent_case_id: 'NULL',
      },
      `scale_seed s JOIN assistance_case c ON c.id = s.id`,
    );
    await insert(
      'assessment',
      'a',
      { id: id('a', 'a.id'), case_id: id('c', 'a.case_id') },
      `scale_seed s JOIN scale_seed_assessment a ON a.case_id = s.id`,
    );
    await insert(
      'task',
      't',
      { id: id('t', 't.id'), instance_id: id('i', 't.instance_id'), region_code: village },
      `scale_seed s JOIN scale_seed_task t ON t.instance_id = s.process_instance_id`,
    );
    // The case's issued documents (rows only: a copy's PDF would be its seed's file, never read
    // here); number and verification code are unique, so each copy's carry its copy number.
    await insert(
      'document',
      'd',
      {
        id: id('d', 'd.id'),
        case_id: id('c', 'd.case_id'),
        number: `d.number || '#' || k`,
        verify_code: `d.verify_code || '#' || k`,
      },
      `scale_seed s JOIN scale_seed_document d ON d.case_id = s.id`,
    );
    await insert(
      'audit_entry',
      'e',
      { id: '', case_id: id('c', 'e.case_id') },
      `scale_seed s JOIN scale_seed_audit_entry e ON e.case_id = s.id`,
      '',
    );
  },

  /**
   * Puts every audit entry not yet on the chain onto it, with stand-in hashes: a grown database
   * holds a million cases' record already sealed, as a real one would, so a sealer poll meets a
   * chain as long as the record. The links are not a valid chain (the bench never verifies it);
   * each stand-in hash is the entry id in hex, unique as `prev_hash` must be.
   */
  async chainEverything(em: EntityManager): Promise<number> {
    await em.query(`SET LOCAL session_replication_role = replica`);
    const [{ n }]: { n: number }[] = await em.query(
      `WITH linked AS (
         INSERT INTO audit_chain (audit_id, prev_hash, entry_hash, sealed_at)
         SELECT a.id, lpad(to_hex(a.id), 64, '0'), rpad(to_hex(a.id), 64, 'e'), now()
         FROM audit_entry a WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.audit_id = a.id)
         ORDER BY a.id RETURNING 1)
       SELECT count(*)::int AS n FROM linked`,
    );
    await em.query(`ANALYZE audit_chain`);
    return n;
  },

  async chainLength(em: EntityManager): Promise<number> {
    const [{ n }]: { n: number }[] = await em.query(`SELECT count(*)::int AS n FROM audit_chain`);
    return n;
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

  /**
   * The rollups recounted from the base tables, as migration 1766900000000 backfills them: the
   * copies were made with row triggers off.
   */
  async rebuildStats(em: EntityManager): Promise<void> {
    await em.query(`TRUNCATE case_stats, case_duration_stats, open_task_stats, task_completed_stats`);
    await em.query(
      `INSERT INTO case_stats
       SELECT region_code, program, status, COALESCE(outcome, ''), count(*) FROM assistance_case GROUP BY 1, 2, 3, 4`,
    );
    await em.query(
      `INSERT INTO case_duration_stats
       SELECT c.region_code, c.program,
              ((COALESCE(i.ended_at, c.updated_at) AT TIME ZONE 'UTC') + interval '8 hours')::date - c.application_date,
              count(*)
       FROM assistance_case c LEFT JOIN process_instance i ON i.id = c.process_instance_id
       WHERE c.status = 'closed' GROUP BY 1, 2, 3`,
    );
    await em.query(
      `INSERT INTO open_task_stats
       SELECT c.region_code, t.name, COALESCE(t.due_date, 'infinity'::date), count(*)
       FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id
       WHERE t.status = 'open' GROUP BY 1, 2, 3`,
    );
    await em.query(
      `INSERT INTO task_completed_stats
       SELECT c.region_code, t.name, count(*), sum(extract(epoch FROM (t.completed_at - t.created_at))), min(t.created_at)
       FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id
       WHERE t.status = 'completed' AND t.completed_at IS NOT NULL GROUP BY 1, 2`,
    );
  },

  async analyze(em: EntityManager): Promise<void> {
    await em.query(`ANALYZE`);
  },

  /**
   * Writes every dirty buffer out now: a checkpoint's sync phase during a timed row (of a grow's,
   * an ANALYZE's or a VACUUM's writes) held every commit, the read record's among them, for seconds.
   */
  async checkpoint(em: EntityManager): Promise<void> {
    await em.query(`CHECKPOINT`);
  },

  /** Checkpoints the server has begun (timed or asked for), in every database: one during a row shows. */
  async checkpoints(em: EntityManager): Promise<number> {
    const [row] = (await em.query(
      `SELECT (checkpoints_timed + checkpoints_req)::int AS n FROM pg_stat_bgwriter`,
    )) as { n: number }[];
    return row.n;
  },

  /** Case ids in a township, for detail reads spread over the data. */
  sampleCases(em: EntityManager, township: string, n: number): Promise<{ id: string }[]> {
    return em.query(
      `SELECT id FROM assistance_case WHERE region_code LIKE $1 || '%' ORDER BY md5(id::text) LIMIT $2`,
      [township, n],
    );
  },

  /** The server processes of every connection to this database (the app's pool among them). */
  async backendPids(em: EntityManager): Promise<number[]> {
    const rows: { pid: number }[] = await em.query(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database()`,
    );
    return rows.map((r) => r.pid);
  },

  /** Replays one captured statement, as the endpoint sent it. */
  replay(em: EntityManager, sql: string, params: unknown[]): Promise<unknown> {
    return em.query(sql, params);
  },
};
