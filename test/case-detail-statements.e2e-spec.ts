import * as http from 'node:http';
import type { EntityManager } from 'typeorm';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { AuditService } from '@app/audit';
import { caseRepository, documentSummary } from '@app/cases';
import { AssessmentEntity, TaskEntity } from '@app/persistence';
import { caseDetailRepository } from '../libs/cases/src/case-detail.repository';
import { sessionRepository } from '../libs/auth/src/session.repository';
import { planNodes, sentStatements, statements } from './support/statements';
import { TestApp } from './support/test-app';
import { CONFIRM_PATH, apply, drive } from './support/case-driver';

/**
 * Case detail runs a fixed, small number of statements (issue 19): the count is the same for a
 * case just received and for one far along with many tasks, documents and timeline entries, and
 * the case row is read once.
 */
let t: TestApp;
let caseId: string;

beforeAll(async () => {
  t = await TestApp.start({ documents: 'on-read' });
  caseId = await apply(t);
});
afterAll(async () => {
  await t?.stop();
});

async function detailStatements(): Promise<string[]> {
  const approver = await t.as('approver');
  return statements(t, () => approver.get(`/api/cases/${caseId}`).expect(200));
}

/** A statement that reads the case row by its id: the entity read, or the page's own. */
const readsTheCase = (sql: string) =>
  /"assistance_case" "CaseEntity"/.test(sql) ||
  /^SELECT [\s\S]* FROM assistance_case k WHERE k\.id = \$1$/.test(sql);

describe('case detail statements', () => {
  it('stay the same in number as the case grows, and read the case once', async () => {
    const early = await detailStatements();
    await drive(t, caseId, CONFIRM_PATH, /审批/);
    const [{ n }] = await t.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id WHERE c.id = $1`,
      [caseId],
    );
    expect(n).toBeGreaterThan(3);
    const late = await detailStatements();
    expect(late.length).toBe(early.length);
    expect(late.filter(readsTheCase)).toHaveLength(1);
    // The session with its account, the case with its parts, its timeline, 送达 and time limit
    // (one statement), other cases with the same people, and the read's own audit entry.
    expect(late.length).toBeLessThanOrEqual(4);
    expect(late.filter((sql) => /^(START TRANSACTION|BEGIN)/.test(sql))).toHaveLength(0);
  });
});

/**
 * How often, while `work` runs on one connection (a transaction's), a prepared statement whose text
 * matches the LIKE `pattern` is executed there: 0 for a statement sent unnamed, parsed and planned each time.
 */
async function preparedUses(pattern: string, work: (em: EntityManager) => Promise<unknown>): Promise<number> {
  return t.db.transaction(async (em) => {
    const count = async () => {
      const [row]: { uses: number }[] = await em.query(
        `SELECT coalesce(sum(generic_plans + custom_plans), 0)::int AS uses FROM pg_prepared_statements
         WHERE statement LIKE $1`,
        [pattern],
      );
      return row.uses;
    };
    const before = await count();
    await work(em);
    return (await count()) - before;
  });
}

describe('statements kept prepared (parsed and planned once per connection, not on every read)', () => {
  it('the case page’s', async () => {
    const uses = await preparedUses('%FROM assistance_case k WHERE k.id = $1', async (em) => {
      for (let i = 0; i < 6; i++) await caseDetailRepository.detail(em, caseId);
    });
    expect(uses).toBe(6);
  });

  it('the session with its account, which every request reads', async () => {
    const uses = await preparedUses('%FROM user_session s JOIN app_user u%', async (em) => {
      for (let i = 0; i < 6; i++) await sessionRepository.withUser(em, 'no such token');
    });
    expect(uses).toBe(6);
  });
});

describe('the case page read as JSON', () => {
  it('gives the entities TypeORM’s own reads give, value for value', async () => {
    const plain = (x: unknown) => JSON.parse(JSON.stringify(x));
    // A case of its own, far along: tasks done, documents issued, assessed.
    const caseId = await apply(t);
    await drive(t, caseId, CONFIRM_PATH, /审批/);
    await t.db.read(async (em) => {
      const read = (await caseDetailRepository.detail(em, caseId))!;
      const kase = (await caseRepository.byId(em, caseId))!;
      expect(plain(read.kase)).toEqual(plain(kase));
      expect(Object.keys(read.kase)).toEqual(Object.keys(kase));
      const tasks = await em
        .getRepository(TaskEntity)
        .find({ where: { instanceId: kase.processInstanceId }, order: { createdAt: 'ASC' } });
      expect(read.tasks.length).toBeGreaterThan(3);
      expect(read.tasks[0].createdAt).toBeInstanceOf(Date);
      expect(plain(read.tasks)).toEqual(plain(tasks));
      // Documents are listed (their frozen data is not read): as the listing of the entities.
      const documents = await caseRepository.documents(em, caseId);
      expect(read.documents.length).toBeGreaterThan(0);
      expect(plain(read.documents.map(documentSummary))).toEqual(plain(documents.map(documentSummary)));
      // Audit entries are keyed by a bigint, and assessments carry a numeric hardship index.
      expect(plain(read.timeline)).toEqual(plain(await t.app.get(AuditService).forCase(em, caseId)));
      const assessments = await em
        .getRepository(AssessmentEntity)
        .find({ where: { caseId }, order: { createdAt: 'DESC' } });
      expect(assessments.length).toBeGreaterThan(0);
      expect(plain(read.assessments)).toEqual(plain(assessments));
      expect(read.regionPath).toBe(await caseRepository.regionPath(em, kase.regionCode));
    });
  });
});

describe('one benefit once on the case page', () => {
  it('finds other cases with the same people through the member-ID index, not a scan of the cases', async () => {
    // Three thousand other households being decided, so that the plan is the one a county gets.
    await t.db.transaction(async (em) => {
      await em.query(`SET LOCAL session_replication_role = replica`);
      await em.query(
        `INSERT INTO assistance_case
         SELECT r.* FROM assistance_case c, generate_series(1, 3000) g,
           LATERAL jsonb_populate_record(NULL::assistance_case, to_jsonb(c) || jsonb_build_object(
             'id', gen_random_uuid(), 'case_no', c.case_no || '#' || g, 'process_instance_id', gen_random_uuid(),
             'household', jsonb_build_array(jsonb_build_object('idNumber', lpad(g::text, 18, '0'))))) r
         WHERE c.id = $1`,
        [caseId],
      );
      await em.query(`ANALYZE assistance_case`);
    });
    const approver = await t.as('approver');
    const sent = await sentStatements(t, () => approver.get(`/api/cases/${caseId}`).expect(200));
    const overlap = sent.find((s) => /idNumber/.test(s.sql) && /FROM assistance_case/.test(s.sql));
    expect(overlap).toBeDefined();
    const nodes = await planNodes(t, overlap!);
    expect(nodes.filter((n) => n['Node Type'] === 'Seq Scan')).toEqual([]);
    expect(nodes.some((n) => n['Index Name'] === 'case_open_member_ids_idx')).toBe(true);
  });
});

describe('the case page’s answer', () => {
  it('is compressed at zlib’s fastest level and carries no ETag', async () => {
    const base = await t.listen();
    const token = await t.token('approver');
    const res = await new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .get(
          `${base}/api/cases/${caseId}`,
          { headers: { Authorization: `Bearer ${token}`, 'Accept-Encoding': 'gzip, deflate' } },
          (r) => {
            const chunks: Buffer[] = [];
            r.on('data', (c: Buffer) => chunks.push(c));
            r.on('end', () => resolve({ headers: r.headers, body: Buffer.concat(chunks) }));
          },
        )
        .on('error', reject);
    });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.etag).toBeUndefined();
    const json = gunzipSync(res.body);
    expect(JSON.parse(json.toString()).case.id).toBe(caseId);
    // One write of the whole answer: the bytes are zlib's at level 1, not at its default level 6.
    expect(res.body.equals(gzipSync(json, { level: constants.Z_BEST_SPEED }))).toBe(true);
  });
});
