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
  t = await TestApp.start();
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
    // The session with its account, the case with its parts, its timeline, 送达 and time limit,
    // other cases with the same people, and the read's own audit entry.
    expect(late.length).toBeLessThanOrEqual(6);
    expect(late.filter((sql) => /^(START TRANSACTION|BEGIN)/.test(sql))).toHaveLength(0);
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
