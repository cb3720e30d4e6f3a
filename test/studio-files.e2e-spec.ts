import * as fs from 'node:fs';
import { TestApp } from './support/test-app';
import { apply } from './support/case-driver';

/**
 * The studio for a legal officer (issue 15 §3): new models and imported files are drafts that are
 * kept even when they fail the deploy checks; deploy shows what changes against the version in
 * effect and keeps the author's note; the version list names author, note, program and kind, and
 * which version receives applications today.
 */
let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => {
  await t?.stop();
});

const DIBAO = fs.readFileSync('processes/dibao-application.bpmn', 'utf8');

async function caseVersion(caseId: string): Promise<number> {
  const [row] = await t.query<{ version: number }>(
    `SELECT d.version FROM assistance_case c JOIN process_instance i ON i.id = c.process_instance_id
     JOIN process_definition d ON d.id = i.definition_id WHERE c.id = $1`,
    [caseId],
  );
  return row.version;
}

describe('studio files: new model, import, drafts', () => {
  it('creates a blank model that opens although it fails lint, and keeps a failing draft as saved', async () => {
    const legal = await t.as('legal');
    const created = await legal
      .post('/api/processes/drafts', { from: 'blank', key: 'township-hardship', name: '乡镇困难补助' })
      .expect(201);
    expect(created.body).toMatchObject({ name: '乡镇困难补助', origin: 'blank' });
    expect(created.body.source).toContain('<bpmn:process id="township-hardship" name="乡镇困难补助"');
    const lint = await legal.post('/api/processes/lint', { xml: created.body.source }).expect(200);
    expect(lint.body.ok).toBe(false);

    const broken = created.body.source.replace('sa:due="5WD"', 'sa:due="abc"');
    await legal.put(`/api/processes/drafts/${created.body.id}`, { xml: broken }).expect(200);
    const reopened = await legal.get(`/api/processes/drafts/${created.body.id}`).expect(200);
    expect(reopened.body.source).toBe(broken);
    const list = await legal.get('/api/processes/drafts').expect(200);
    expect(list.body.map((d: { id: string }) => d.id)).toContain(created.body.id);
    expect(list.body[0].source).toBeUndefined();

    await t.http
      .delete(`/api/processes/drafts/${created.body.id}`)
      .set('Authorization', `Bearer ${await t.token('legal')}`)
      .expect(204);
    await legal.get(`/api/processes/drafts/${created.body.id}`).expect(404);
    await (await t.as('clerk')).get('/api/processes/drafts').expect(403);
  });

  it('imports a .bpmn file that fails lint, and copies a deployed model under a new key', async () => {
    const legal = await t.as('legal');
    const bad = DIBAO.replace('sa:due="10WD"', 'sa:due="999WD"');
    const imported = await legal
      .post('/api/processes/drafts', { from: 'import', xml: bad, fileName: 'dibao-application.bpmn' })
      .expect(201);
    expect(imported.body).toMatchObject({ origin: 'import', name: '低保申请审核确认', source: bad });

    const versions = await legal.get('/api/processes').expect(200);
    const dibao = versions.body.find((v: { key: string }) => v.key === 'dibao-application');
    const copy = await legal
      .post('/api/processes/drafts', {
        from: 'copy',
        definitionId: dibao.id,
        key: 'dibao-application-pilot',
        name: '低保申请审核确认（试点）',
      })
      .expect(201);
    expect(copy.body.origin).toBe(`copy:${dibao.id}`);
    expect(copy.body.source).toContain(
      '<bpmn:process id="dibao-application-pilot" name="低保申请审核确认（试点）"',
    );
    expect(copy.body.source).toContain('bpmnElement="dibao-application-pilot"');
    expect(copy.body.source).toContain('<!-- 低保申请、受理、调查'); // a copy keeps the file's comments

    const missing = await legal.post('/api/processes/drafts', { from: 'copy', key: 'x' });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toBe('请选择要复制的流程');
  });
});

describe('deploy: change summary, change note, version list', () => {
  it('summarises the changes against the version in effect in a legal officer’s terms', async () => {
    const legal = await t.as('legal');
    const changed = DIBAO.replace(
      'id="Task_HomeVisit" name="入户调查" sa:publicName="入户调查" camunda:candidateGroups="investigator" sa:due="10WD"',
      'id="Task_HomeVisit" name="入户调查" sa:publicName="入户调查" camunda:candidateGroups="investigator,township_reviewer" sa:due="15WD"',
    );
    expect(changed).not.toBe(DIBAO);
    const res = await legal.post('/api/processes/changes', { xml: changed }).expect(200);
    expect(res.body.against).toMatchObject({ version: 1, effectiveFrom: t.clock.today() });
    expect(res.body.changes.map((c: { text: string }) => c.text)).toEqual([
      '“入户调查”的办理角色：调查员 → 调查员、乡镇审核员',
      '“入户调查”的办理时限：10 个工作日 → 15 个工作日',
    ]);

    const identical = await legal.post('/api/processes/changes', { xml: DIBAO }).expect(200);
    expect(identical.body.changes).toEqual([]);
  });

  it('stores the change note with its author, lists program and kind, and marks who takes applications', async () => {
    const legal = await t.as('legal');
    const running = await apply(t);
    const before = await caseVersion(running);
    const inTwoDays = new Date(Date.parse(`${t.clock.today()}T00:00:00Z`) + 2 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const note = '入户调查时限调整为15个工作日（省民政厅通知）';
    const deployed = await legal
      .post('/api/processes', {
        xml: DIBAO.replace('sa:due="10WD"', 'sa:due="15WD"'),
        fileName: 'dibao-application.bpmn',
        effectiveFrom: inTwoDays,
        changeNote: note,
      })
      .expect(201);
    const list = await legal.get('/api/processes').expect(200);
    const rows = list.body.filter((v: { key: string }) => v.key === 'dibao-application');
    const next = rows.find((v: { id: string }) => v.id === deployed.body.id);
    const current = rows.find((v: { version: number }) => v.version === deployed.body.version - 1);
    expect(next).toMatchObject({
      author: '周法制',
      changeNote: note,
      program: 'dibao',
      kind: 'application',
      effectiveFrom: inTwoDays,
      inEffect: false,
      takesApplications: false,
    });
    expect(current).toMatchObject({
      program: 'dibao',
      kind: 'application',
      inEffect: true,
      takesApplications: true,
    });
    expect(current.author).toBeNull(); // the bundled model, deployed at start
    const procedures = list.body.filter(
      (v: { kind: string; inEffect: boolean }) => v.kind === 'procedure' && v.inEffect,
    );
    expect(procedures.length).toBeGreaterThan(0);
    expect(procedures.every((v: { takesApplications: boolean }) => !v.takesApplications)).toBe(true);

    const [audit] = await t.query<{ detail: { changeNote: string } }>(
      `SELECT detail FROM audit_entry WHERE action = 'process.deploy' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit.detail.changeNote).toBe(note);

    await t.advanceDays(2);
    const after = await (await t.as('legal')).get('/api/processes').expect(200);
    expect(after.body.find((v: { id: string }) => v.id === deployed.body.id)).toMatchObject({
      inEffect: true,
      takesApplications: true,
    });
    // The running case keeps the version it started on.
    expect(await caseVersion(running)).toBe(before);
  });
});
