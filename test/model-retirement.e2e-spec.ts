import * as fs from 'node:fs';
import { TestApp } from './support/test-app';
import { CONFIRM_PATH, apply, drive, openTasks } from './support/case-driver';

/**
 * Issue 15, program rules: a new version keeps its program and kind unless the legal officer
 * retires the old process explicitly. Retirement is dated, reasoned and audited; from its date the
 * key takes no new cases, a replacement under a new id takes the program, running cases finish.
 */
let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => {
  await t?.stop();
});

const KEY = 'dibao-application';
const NEW_KEY = 'dibao-application-2027';
const DIBAO = fs.readFileSync('processes/dibao-application.bpmn', 'utf8');
// A new version of the key that turns it into a procedure (with its own case-number series).
const KIND_CHANGED = DIBAO.replace(
  'sa:kind="application" sa:caseNoPrefix="DIBAO"',
  'sa:kind="procedure" sa:appliesTo="dibao" camunda:candidateStarterGroups="window_clerk" sa:caseNoPrefix="DBCX"',
);
// The same model under a new process id: the replacement that takes 低保 applications.
const REPLACEMENT = DIBAO.replaceAll(`"${KEY}"`, `"${NEW_KEY}"`).replace(
  'name="低保申请审核确认"',
  'name="低保申请审核确认（2027版）"',
);

async function processKeyOf(caseId: string): Promise<string> {
  const [row] = await t.query<{ key: string }>(
    `SELECT d.key FROM assistance_case c JOIN process_instance i ON i.id = c.process_instance_id
     JOIN process_definition d ON d.id = i.definition_id WHERE c.id = $1`,
    [caseId],
  );
  return row.key;
}

describe('retiring a process', () => {
  let running: string;

  beforeAll(async () => {
    running = await apply(t);
    expect(await processKeyOf(running)).toBe(KEY);
    expect(REPLACEMENT).toContain(`id="${NEW_KEY}"`);
  });

  it('refuses a kind change or a second application process, saying to retire the old one first', async () => {
    const legal = await t.as('legal');
    expect(KIND_CHANGED).not.toBe(DIBAO);
    const changed = await legal.post('/api/processes', {
      xml: KIND_CHANGED,
      fileName: 'dibao-application.bpmn',
    });
    expect(changed.status).toBe(400);
    expect(changed.body.message).toMatch(/sa:kind.*如需改变流程类别，请先停用原流程/);

    const rival = await legal.post('/api/processes', { xml: REPLACEMENT, fileName: 'dibao-2027.bpmn' });
    expect(rival.status).toBe(400);
    expect(rival.body.message).toMatch(/只能有一个申请流程生效.*请先停用原流程/);
  });

  it('refuses a clerk (403), a missing reason (naming 停用理由) and a past date', async () => {
    const today = t.clock.today();
    await (
      await t.as('clerk')
    )
      .post(`/api/processes/${KEY}/retirement`, { effectiveFrom: today, reason: '改由新流程受理' })
      .expect(403);

    const legal = await t.as('legal');
    for (const body of [{ effectiveFrom: today }, { effectiveFrom: today, reason: '   ' }]) {
      const res = await legal.post(`/api/processes/${KEY}/retirement`, body).expect(400);
      expect(res.body.details).toContainEqual({ field: 'reason', message: '请填写停用理由' });
    }
    const past = await legal
      .post(`/api/processes/${KEY}/retirement`, { effectiveFrom: '2020-01-01', reason: '改由新流程受理' })
      .expect(400);
    expect(past.body.details).toEqual([{ field: 'effectiveFrom', message: `不能早于今天（${today}）` }]);
    const [{ n }] = await t.query<{ n: number }>(`SELECT count(*)::int AS n FROM process_retirement`);
    expect(n).toBe(0);
  });

  it('retires with a reason, then the replacement deploys and takes the applications', async () => {
    const legal = await t.as('legal');
    const today = t.clock.today();
    const reason = '2027版流程调整受理环节，原流程停用';
    const retired = await legal
      .post(`/api/processes/${KEY}/retirement`, { effectiveFrom: today, reason })
      .expect(201);
    expect(retired.body).toMatchObject({ processKey: KEY, effectiveFrom: today, reason });
    const [audit] = await t.query<{ actor_id: string; detail: { reason: string } }>(
      `SELECT actor_id, detail FROM audit_entry WHERE action = 'process.retire'`,
    );
    expect(audit.detail.reason).toBe(reason);
    expect(audit.actor_id).toBe(retired.body.retiredBy);

    // Retired once, for good: a second retirement and a new version of the key are refused.
    await legal.post(`/api/processes/${KEY}/retirement`, { effectiveFrom: today, reason }).expect(409);
    const newVersion = await legal.post('/api/processes', {
      xml: DIBAO.replace('<bpmn:process ', '<!-- 2027 -->\n  <bpmn:process '),
      fileName: 'dibao-application.bpmn',
    });
    expect(newVersion.status).toBe(400);
    expect(newVersion.body.message).toMatch(/已于 .* 起停用，不能再部署新版本/);

    const programsBefore = await (await t.as('clerk')).get('/api/programs').expect(200);
    expect(programsBefore.body.map((p: { program: string }) => p.program)).not.toContain('dibao');

    await legal.post('/api/processes', { xml: REPLACEMENT, fileName: 'dibao-2027.bpmn' }).expect(201);
    const programs = await (await t.as('clerk')).get('/api/programs').expect(200);
    expect(programs.body.find((p: { program: string }) => p.program === 'dibao')?.processKey).toBe(NEW_KEY);

    const fresh = await apply(t);
    expect(await processKeyOf(fresh)).toBe(NEW_KEY);
    const list = await legal.get('/api/processes/retirements').expect(200);
    expect(list.body).toEqual([expect.objectContaining({ processKey: KEY, reason })]);
  });

  it('lets a case running on the retired process complete its next step', async () => {
    const [before] = await openTasks(t, running);
    expect(before).toBeDefined();
    const done = await drive(t, running, CONFIRM_PATH, undefined, 1);
    expect(done).toEqual([before.name]);
    const after = await openTasks(t, running);
    expect(after.map((x: { id: string }) => x.id)).not.toContain(before.id);
    expect(await processKeyOf(running)).toBe(KEY);
  });

  it('restarts beside the bundled model of the retired key', async () => {
    await t.restart();
    const programs = await (await t.as('clerk')).get('/api/programs').expect(200);
    expect(programs.body.find((p: { program: string }) => p.program === 'dibao')?.processKey).toBe(NEW_KEY);
  });
});
