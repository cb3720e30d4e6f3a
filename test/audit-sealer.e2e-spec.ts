import { statements } from './support/statements';
import { AuditService, SEAL_LOOKBACK } from '@app/audit';
import { TestApp } from './support/test-app';
import { apply } from './support/case-driver';

/**
 * The sealer polls above a watermark (issue 19): its work does not grow with the record. An entry
 * that commits late but near the watermark is sealed by the next poll; one far below it by the full
 * sweep that runs before every verification. Each poll appends its links in one statement.
 */
let t: TestApp;
let audit: AuditService;

beforeAll(async () => {
  t = await TestApp.start();
  audit = t.app.get(AuditService);
  await apply(t);
  await audit.seal();
});
afterAll(async () => {
  await t?.stop();
});

/** An entry as a transaction that took its id at `id` would commit it. */
async function entryWithId(id: number | string): Promise<void> {
  await t.query(
    `INSERT INTO audit_entry (id, at, actor_id, action, case_id, detail) VALUES ($1, now(), NULL, 'test.late', NULL, '{}')`,
    [id],
  );
}

const sealed = async (id: number | string) =>
  (await t.query(`SELECT 1 FROM audit_chain WHERE audit_id = $1`, [id])).length === 1;

describe('audit sealer', () => {
  it('appends a poll’s links in one statement', async () => {
    for (let i = 0; i < 5; i++)
      await t.query(`INSERT INTO audit_entry (at, action, detail) VALUES (now(), 'test.batch', '{}')`);
    const sql = await statements(t, () => audit.seal());
    expect(sql.filter((s) => /INSERT INTO audit_chain/.test(s))).toHaveLength(1);
    const [{ n }] = await t.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_entry a WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.audit_id = a.id)`,
    );
    expect(n).toBe(0);
  });

  it('polls above the watermark; the full sweep before verification seals the rest', async () => {
    const [{ max }] = await t.query<{ max: string }>(`SELECT max(id)::text AS max FROM audit_entry`);
    const base = Number(max);
    const high = base + 3 * SEAL_LOOKBACK;
    await entryWithId(high);
    await audit.seal();
    expect(await sealed(high)).toBe(true);

    const near = high - Math.floor(SEAL_LOOKBACK / 2);
    const far = base + 1;
    await entryWithId(near);
    await entryWithId(far);
    await audit.seal();
    expect(await sealed(near)).toBe(true);
    // A poll does not scan the record below its window…
    expect(await sealed(far)).toBe(false);

    // …the verification's sweep does, and the chain stays whole.
    const check = await audit.verify();
    expect(await sealed(far)).toBe(true);
    expect(check).toMatchObject({ ok: true, unsealed: 0 });
  });
});
