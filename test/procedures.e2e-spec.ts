import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestApp } from './support/test-app';
import { APPLICATION, apply } from './support/case-driver';

/** Procedures on an existing case: the model says where it applies and who starts it; the host obeys. */
let t: TestApp;
const XML = fs.readFileSync(path.join(__dirname, 'fixtures/procedures/note-procedure.bpmn'), 'utf8');

beforeAll(async () => {
  t = await TestApp.start();
  const legal = await t.as('legal');
  const res = await legal.post('/api/processes', { xml: XML, fileName: 'test-note-procedure.bpmn' });
  if (res.status !== 201) throw new Error(`deploy failed: ${res.status} ${JSON.stringify(res.body)}`);
});
afterAll(async () => {
  await t?.stop();
});

describe('procedures on a case', () => {
  let parentId: string;

  beforeAll(async () => {
    parentId = await apply(t);
  });

  it('offers the procedures whose model applies to the case and that the user may start', async () => {
    const reviewer = await t.as('reviewer');
    const res = await reviewer.get(`/api/cases/${parentId}/procedures`).expect(200);
    const offer = res.body.available.find(
      (o: { processKey: string }) => o.processKey === 'test-note-procedure',
    );
    expect(offer).toMatchObject({ name: '测试用核查程序' });
    expect(offer.startForm.map((f: { id: string }) => f.id)).toEqual(['reason']);
    const clerkView = await (await t.as('clerk')).get(`/api/cases/${parentId}/procedures`).expect(200);
    expect(clerkView.body.available.map((o: { processKey: string }) => o.processKey)).not.toContain(
      'test-note-procedure',
    );
  });

  it('checks the start form, the starter role and the region', async () => {
    const reviewer = await t.as('reviewer');
    const missing = await reviewer
      .post(`/api/cases/${parentId}/procedures`, { processKey: 'test-note-procedure', data: {} })
      .expect(400);
    expect(missing.body.details).toEqual([expect.objectContaining({ field: 'data.reason' })]);

    await (
      await t.as('clerk')
    )
      .post(`/api/cases/${parentId}/procedures`, {
        processKey: 'test-note-procedure',
        data: { reason: '复核' },
      })
      .expect(403);
    await (await t.as('hexi_clerk')).get(`/api/cases/${parentId}/procedures`).expect(403);

    const unknown = await reviewer
      .post(`/api/cases/${parentId}/procedures`, { processKey: 'no-such-process', data: {} })
      .expect(400);
    expect(unknown.body.details[0].field).toBe('processKey');
  });

  it('starts a child case with the parent household, its own number and its own tasks', async () => {
    const reviewer = await t.as('reviewer');
    const res = await reviewer
      .post(`/api/cases/${parentId}/procedures`, {
        processKey: 'test-note-procedure',
        data: { reason: '群众反映家庭收入变化' },
      })
      .expect(201);
    expect(res.body).toMatchObject({
      kind: 'procedure',
      parentCaseId: parentId,
      program: 'dibao',
      applicantName: APPLICATION.applicant.name,
    });
    expect(res.body.caseNo).toMatch(/^TN-\d{4}-000001$/);

    const child = await reviewer.get(`/api/cases/${res.body.id}`).expect(200);
    expect(child.body.parent).toMatchObject({ id: parentId });
    expect(child.body.case.household).toHaveLength(APPLICATION.members.length);
    const open = child.body.tasks.filter((x: { status: string }) => x.status === 'open');
    expect(open.map((x: { name: string }) => x.name)).toEqual(['核查登记']);
    const [audit] = child.body.timeline.filter((e: { action: string }) => e.action === 'case.start');
    expect(audit.detail).toMatchObject({
      startData: { reason: '群众反映家庭收入变化' },
      parentCaseId: parentId,
    });

    const parent = await reviewer.get(`/api/cases/${parentId}`).expect(200);
    expect(parent.body.children).toEqual([
      expect.objectContaining({ id: res.body.id, processKey: 'test-note-procedure', status: 'in_progress' }),
    ]);

    const done = await reviewer
      .post(`/api/tasks/${open[0].id}/complete`, { data: { findings: '情况属实' } })
      .expect(200);
    expect(done.body).toMatchObject({ ended: true, outcome: 'confirmed' });
  });

  it('does not start a procedure on a procedure', async () => {
    const reviewer = await t.as('reviewer');
    const parent = await reviewer.get(`/api/cases/${parentId}`).expect(200);
    const childId = parent.body.children[0].id;
    const res = await reviewer.get(`/api/cases/${childId}/procedures`).expect(200);
    expect(res.body.available).toEqual([]);
  });
});

describe('applications by program', () => {
  it('lists the programs whose application model is in effect, with their start forms', async () => {
    const res = await (await t.as('applicant')).get('/api/programs').expect(200);
    const dibao = res.body.find((p: { program: string }) => p.program === 'dibao');
    expect(dibao).toMatchObject({ name: '最低生活保障', processKey: 'dibao-application', startForm: [] });
    for (const p of res.body) expect(['dibao', 'tekun', 'dibian', 'linshi']).toContain(p.program);
  });

  it('refuses a program that is not offered, naming the field', async () => {
    const clerk = await t.as('clerk');
    const res = await clerk.post('/api/cases', { ...APPLICATION, program: 'housing' }).expect(400);
    expect(res.body.details[0].field).toBe('program');
  });

  it('checks the start form of the program model', async () => {
    const clerk = await t.as('clerk');
    const res = await clerk.post('/api/cases', { ...APPLICATION, variables: 'x' }).expect(400);
    expect(res.body.details[0].field).toBe('variables');
  });
});
