import { TestApp } from './support/test-app';
import { apply, drive, CONFIRM_PATH } from './support/case-driver';

/** 执法全过程记录 is a hash chain: any altered, removed or reordered entry is found. */
let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
  const caseId = await apply(t);
  await drive(t, caseId, CONFIRM_PATH, /入户调查/);
});
afterAll(async () => {
  await t?.stop();
});

const verify = async () => (await (await t.as('admin')).get('/api/integrity').expect(200)).body;

/** Tampering as a database administrator would: around the append-only triggers. */
async function behindTheTriggers(sql: string, params: unknown[] = []) {
  await t.query(`ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only`);
  await t.query(`ALTER TABLE audit_chain DISABLE TRIGGER audit_chain_append_only`);
  try {
    await t.query(sql, params);
  } finally {
    await t.query(`ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only`);
    await t.query(`ALTER TABLE audit_chain ENABLE TRIGGER audit_chain_append_only`);
  }
}

describe('audit hash chain', () => {
  it('seals every entry and verifies clean; only an administrator may ask', async () => {
    const body = await verify();
    expect(body.audit).toMatchObject({ ok: true, unsealed: 0 });
    expect(body.audit.sealed).toBeGreaterThan(5);
    expect(body.audit.sealed).toBe(body.audit.entries);
    expect(body.ok).toBe(true);
    await (await t.as('approver')).get('/api/integrity').expect(403);
  });

  it('refuses UPDATE and DELETE on the chain itself', async () => {
    await expect(t.query(`UPDATE audit_chain SET entry_hash = entry_hash`)).rejects.toThrow(/append-only/);
    await expect(t.query(`DELETE FROM audit_chain`)).rejects.toThrow(/append-only/);
  });

  it('finds an entry whose content was changed', async () => {
    await verify(); // seals what is there: only sealed entries are protected
    const [entry] = await t.query(
      `SELECT id, detail FROM audit_entry WHERE action = 'task.complete' ORDER BY id LIMIT 1`,
    );
    await behindTheTriggers(
      `UPDATE audit_entry SET detail = jsonb_set(detail, '{name}', '"改动"') WHERE id = $1`,
      [entry.id],
    );
    const body = await verify();
    expect(body.ok).toBe(false);
    expect(body.audit).toMatchObject({ ok: false, auditId: String(entry.id) });
    expect(body.audit.problem).toContain('被修改');
    await behindTheTriggers(`UPDATE audit_entry SET detail = $1 WHERE id = $2`, [entry.detail, entry.id]);
    expect((await verify()).audit).toMatchObject({ ok: true });
  });

  it('finds an entry moved to another place and a link removed', async () => {
    const links = await t.query(`SELECT seq, audit_id FROM audit_chain ORDER BY seq`);
    expect(links.length).toBeGreaterThan(3);
    const admin = await t.as('admin');
    await t.query(`ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only`);
    await t.query(`ALTER TABLE audit_chain DISABLE TRIGGER audit_chain_append_only`);
    try {
      // Two entries trade their contents: the order of what happened is changed.
      const [a, b] = await t.query(
        `SELECT id, action, detail FROM audit_entry WHERE id IN ($1, $2) ORDER BY id`,
        [links[1].audit_id, links[2].audit_id],
      );
      await t.query(`UPDATE audit_entry SET action = $1, detail = $2 WHERE id = $3`, [
        b.action,
        b.detail,
        a.id,
      ]);
      await t.query(`UPDATE audit_entry SET action = $1, detail = $2 WHERE id = $3`, [
        a.action,
        a.detail,
        b.id,
      ]);
      const swapped = (await admin.get('/api/integrity').expect(200)).body.audit;
      expect(swapped).toMatchObject({ ok: false, firstBadSeq: String(links[1].seq) });
      // Put them back, then take a link out of the chain.
      await t.query(`UPDATE audit_entry SET action = $1, detail = $2 WHERE id = $3`, [
        a.action,
        a.detail,
        a.id,
      ]);
      await t.query(`UPDATE audit_entry SET action = $1, detail = $2 WHERE id = $3`, [
        b.action,
        b.detail,
        b.id,
      ]);
      const restored = (await admin.get('/api/integrity').expect(200)).body.audit;
      expect(restored).toMatchObject({ ok: true });
      await t.query(`DELETE FROM audit_chain WHERE seq = $1`, [links[1].seq]);
    } finally {
      await t.query(`ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only`);
      await t.query(`ALTER TABLE audit_chain ENABLE TRIGGER audit_chain_append_only`);
    }
    const removed = (await admin.get('/api/integrity').expect(200)).body.audit;
    expect(removed).toMatchObject({ ok: false, firstBadSeq: String(links[2].seq) });
    expect(removed.problem).toContain('链接断裂');
  });
});
