import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
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
});
