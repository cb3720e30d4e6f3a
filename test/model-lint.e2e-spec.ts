import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFECTIVE_MODELS, DIBAO_XML, mutate } from '../libs/process-models/src/testing/defective-models';
import { TestApp } from './support/test-app';

/**
 * Deploy-time lint over HTTP: each defective model in test/fixtures/models is refused with 400
 * naming the defective element; the good one deploys.
 */
let t: TestApp;
beforeAll(async () => {
  // Only the 低保 model at start, so these checks do not depend on other models in progress.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-processes-'));
  fs.copyFileSync(
    path.join(__dirname, '../processes/dibao-application.bpmn'),
    path.join(dir, 'dibao-application.bpmn'),
  );
  process.env.PROCESSES_DIR = dir;
  t = await TestApp.start();
});
afterAll(async () => {
  delete process.env.PROCESSES_DIR;
  await t?.stop();
});

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, 'fixtures/models', name), 'utf8');

describe('POST /api/processes lints before deploying', () => {
  it('deploys the good model (its warnings are not errors)', async () => {
    const legal = await t.as('legal');
    const res = await legal.post('/api/processes', { xml: fixture('good.bpmn'), fileName: 'good.bpmn' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ key: 'h5-lint-good', version: 1, created: true });
    const lint = await legal.post('/api/processes/lint', { xml: fixture('good.bpmn') }).expect(200);
    expect(lint.body.ok).toBe(true);
    // No diagram in the fixture: bpmnlint's no-bpmndi is a warning here, not a refusal.
    expect(lint.body.warnings.some((w: { message: string }) => w.message.includes('no-bpmndi'))).toBe(true);
  });

  it.each([
    ['missing-role.bpmn', 'Task_Review', /camunda:candidateGroups/],
    ['missing-due.bpmn', 'Task_Review', /sa:due/],
    ['notice-not-served.bpmn', 'Task_IssueRefusal', /送达/],
    ['adverse-end-without-remedy.bpmn', 'EndEvent_NotAccepted', /行政复议/],
    ['disconnected.bpmn', 'Task_Orphan', /孤立元素|无法到达/],
  ])('refuses %s with 400 naming %s', async (file, elementId, message) => {
    const legal = await t.as('legal');
    const [{ n: before }] = await t.query(`SELECT count(*)::int AS n FROM process_definition`);
    const res = await legal.post('/api/processes', { xml: fixture(file), fileName: file });
    expect(res.status).toBe(400);
    const details: { field: string; message: string }[] = res.body.details;
    const hits = details.filter((d) => d.field === elementId);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.map((d) => d.message).join('\n')).toMatch(message);
    expect(res.body.message).toContain(file);
    const [{ n: after }] = await t.query(`SELECT count(*)::int AS n FROM process_definition`);
    expect(after).toBe(before);
  });

  it('passes every model shipped in processes/ with no errors', async () => {
    const legal = await t.as('legal');
    const files = fs.readdirSync(path.join(__dirname, '../processes')).filter((f) => f.endsWith('.bpmn'));
    for (const file of files) {
      const xml = fs.readFileSync(path.join(__dirname, '../processes', file), 'utf8');
      const res = await legal.post('/api/processes/lint', { xml }).expect(200);
      expect({ file, errors: res.body.errors }).toEqual({ file, errors: [] });
    }
  });

  // Cases that need other lint options (other policy parameters in force) run in the unit corpus only.
  it.each(DEFECTIVE_MODELS.filter((m) => !m.options).map((m) => [m.name, m] as const))(
    'the corpus over HTTP: %s is refused by the lint and the deploy, naming the element',
    async (_, model) => {
      const legal = await t.as('legal');
      const lint = await legal.post('/api/processes/lint', { xml: model.xml }).expect(200);
      expect(lint.body.ok).toBe(false);
      const hits = (lint.body.errors as { elementId?: string; message: string; severity: string }[]).filter(
        (e) => e.elementId === model.elementId && model.message.test(e.message),
      );
      expect(hits.map((h) => h.severity)).toContain('error');

      const [{ n: before }] = await t.query(`SELECT count(*)::int AS n FROM process_definition`);
      const res = await legal.post('/api/processes', { xml: model.xml, fileName: 'corpus.bpmn' });
      expect(res.status).toBe(400);
      const details: { field: string; message: string }[] = res.body.details;
      expect(details.some((d) => d.field === model.elementId && model.message.test(d.message))).toBe(true);
      const [{ n: after }] = await t.query(`SELECT count(*)::int AS n FROM process_definition`);
      expect(after).toBe(before);
    },
  );
});

describe('program rules at deploy', () => {
  const count = async () =>
    (await t.query(`SELECT count(*)::int AS n FROM process_definition`))[0].n as number;

  it('refuses a second application process for a program under a new key', async () => {
    const legal = await t.as('legal');
    const rival = mutate(DIBAO_XML, [
      ['<bpmn:process id="dibao-application"', '<bpmn:process id="dibao-fast-track"'],
    ]).replace(/bpmnElement="dibao-application"/g, 'bpmnElement="dibao-fast-track"');
    const before = await count();
    const res = await legal.post('/api/processes', { xml: rival, fileName: 'dibao-fast-track.bpmn' });
    expect(res.status).toBe(400);
    expect(res.body.details[0]).toMatchObject({ field: 'dibao-fast-track' });
    expect(res.body.message).toMatch(/项目“dibao”已由流程“低保申请审核确认”（dibao-application）受理申请/);
    expect(await count()).toBe(before);
  });

  it('refuses a new version that drops sa:kind or changes sa:program', async () => {
    const legal = await t.as('legal');
    const before = await count();
    const noKind = mutate(DIBAO_XML, [[' sa:kind="application"', '']]);
    const a = await legal.post('/api/processes', { xml: noKind, fileName: 'dibao-application.bpmn' });
    expect(a.status).toBe(400);
    expect(a.body.message).toMatch(/sa:kind“（未写）”与第 1 版的“application”不同/);
    const otherProgram = mutate(DIBAO_XML, [['sa:program="dibao"', 'sa:program="tekun"']]);
    const b = await legal.post('/api/processes', { xml: otherProgram, fileName: 'dibao-application.bpmn' });
    expect(b.status).toBe(400);
    expect(b.body.message).toMatch(/sa:program“tekun”与第 1 版的“dibao”不同/);
    expect(await count()).toBe(before);
  });

  it('refuses identical bytes with a new effective date instead of silently keeping the old one', async () => {
    const legal = await t.as('legal');
    const same = await legal.post('/api/processes', { xml: DIBAO_XML, fileName: 'dibao-application.bpmn' });
    expect(same.status).toBe(201);
    expect(same.body).toMatchObject({ version: 1, created: false });
    const later = await legal.post('/api/processes', {
      xml: DIBAO_XML,
      fileName: 'dibao-application.bpmn',
      effectiveFrom: '2099-01-01',
    });
    expect(later.status).toBe(400);
    expect(later.body.message).toMatch(/与已部署的第 1 版内容完全相同.*不能改生效日期重新部署/);
    const [{ d }] = await t.query(
      `SELECT effective_from::text AS d FROM process_definition WHERE key = 'dibao-application' AND version = 1`,
    );
    expect(d).not.toBe('2099-01-01');
  });

  it('takes the 公示 period from the policy parameters in force on the effective date, not a constant', async () => {
    const admin = await t.as('admin');
    const current = await admin
      .get(`/api/policy-parameters/resolve?regionCode=410799&date=${t.clock.today()}`)
      .expect(200);
    await admin
      .post('/api/policy-parameters', {
        regionCode: '410799',
        effectiveFrom: '2099-06-01',
        parameters: { ...current.body.parameters, publicNotice: { days: 10 } },
        note: '本省公示期延长为10日',
      })
      .expect(201);
    const legal = await t.as('legal');
    const changed = mutate(DIBAO_XML, [['name="低保申请审核确认"', 'name="低保申请审核确认（2099版）"']]);
    const before = await count();
    const res = await legal.post('/api/processes', {
      xml: changed,
      fileName: 'dibao-application.bpmn',
      effectiveFrom: '2099-06-01',
    });
    expect(res.status).toBe(400);
    expect(res.body.details).toContainEqual({
      field: 'Timer_PublicNoticePeriod',
      message: expect.stringMatching(
        /公示期按公示文书所印的 7 日计算，短于10 日（现行救助政策参数；法定不少于 7 日，《最低生活保障审核确认办法》第十九条）；请改为“P10D”/,
      ),
    });
    expect(await count()).toBe(before);
    // Today the statutory 7 days are in force: the same model lints clean.
    const today = await legal.post('/api/processes/lint', { xml: changed }).expect(200);
    expect(today.body.errors).toEqual([]);
  });

  it('accepts encoding="ISO-8859-1" when the content is ASCII, and refuses it when it is not', async () => {
    const legal = await t.as('legal');
    const ascii = fixture('good.bpmn')
      .replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
      .replace(/[\u0080-\uffff]/g, 'x');
    const ok = await legal.post('/api/processes/lint', { xml: ascii }).expect(200);
    expect(ok.body.errors).toEqual([]);
    const latin = fixture('good.bpmn').replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    const bad = await legal.post('/api/processes/lint', { xml: latin }).expect(200);
    expect(bad.body.errors.map((e: { message: string }) => e.message).join('\n')).toMatch(
      /编码“ISO-8859-1”不受支持/,
    );
  });
});
