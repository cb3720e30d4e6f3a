import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DefinitionService } from '@app/workflow';
import { TestApp, pdfText } from './support/test-app';
import { apply } from './support/case-driver';

/** The legal officer studio API: model lint and dated deploys, template preview and publish. */
let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => {
  await t?.stop();
});

const DIBAO = fs.readFileSync('processes/dibao-application.bpmn', 'utf8');

async function binaryPost(url: string, body: object) {
  const token = await t.token('legal');
  return t.http
    .post(url)
    .set('Authorization', `Bearer ${token}`)
    .send(body)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

async function caseVersion(caseId: string): Promise<number> {
  const [row] = await t.query<{ version: number }>(
    `SELECT d.version FROM assistance_case c JOIN process_instance i ON i.id = c.process_instance_id
     JOIN process_definition d ON d.id = i.definition_id WHERE c.id = $1`,
    [caseId],
  );
  return row.version;
}

describe('process models', () => {
  it('lints the shipped model clean and names the element of every problem', async () => {
    const legal = await t.as('legal');
    const clean = await legal.post('/api/processes/lint', { xml: DIBAO }).expect(200);
    expect(clean.body).toMatchObject({ ok: true, errors: [] });

    const broken = DIBAO.replace(
      'id="Task_HomeVisit" name="入户调查" sa:publicName="入户调查" camunda:candidateGroups="investigator" sa:due="10WD"',
      'id="Task_HomeVisit" name="入户调查" sa:publicName="入户调查" camunda:candidateGroups="investigator" sa:due="abc"',
    )
      // The refusal no longer issues its decision: the adverse end is reached without one.
      .replace(
        'sa:service="document.issue" sa:template="non-confirmation-decision"',
        'sa:service="document.issue" sa:template="service-receipt"',
      );
    expect(broken).not.toBe(DIBAO);
    const res = await legal.post('/api/processes/lint', { xml: broken }).expect(200);
    expect(res.body.ok).toBe(false);
    const byElement = Object.fromEntries(
      res.body.errors.map((e: { elementId: string; message: string }) => [e.elementId, e]),
    );
    expect(byElement.Task_HomeVisit.message).toContain('sa:due="abc"');
    expect(byElement.Task_HomeVisit.severity).toBe('error');
    expect(byElement.EndEvent_Refused.message).toMatch(/行政复议/);

    const legalOnly = DIBAO.replace(
      'sa:service="document.issue" sa:template="non-confirmation-decision"',
      'sa:service="document.issue" sa:template="service-receipt"',
    );
    const deploy = await legal.post('/api/processes', { xml: legalOnly, fileName: 'dibao-application.bpmn' });
    expect(deploy.status).toBe(400);
    expect(deploy.body.details.map((d: { field: string }) => d.field)).toEqual(['EndEvent_Refused']);
    const [{ n }] = await t.query(
      `SELECT count(*)::int AS n FROM process_definition WHERE key = 'dibao-application'`,
    );
    expect(n).toBe(1);

    // A model dropped into processes/ passes the same checks when the API starts.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'processes-'));
    fs.writeFileSync(path.join(dir, 'dibao-application.bpmn'), legalOnly);
    await expect(t.app.get(DefinitionService).deployDirectory(dir)).rejects.toMatchObject({
      details: [expect.objectContaining({ field: 'EndEvent_Refused' })],
    });
  });

  it('returns a version with its source and refuses other roles the lint', async () => {
    const legal = await t.as('legal');
    const list = await legal.get('/api/processes').expect(200);
    const v1 = list.body.find((d: { key: string }) => d.key === 'dibao-application');
    expect(v1.effectiveFrom).toBe(t.clock.today());
    const one = await legal.get(`/api/processes/${v1.id}`).expect(200);
    expect(one.body.source).toBe(DIBAO);
    await (await t.as('clerk')).post('/api/processes/lint', { xml: DIBAO }).expect(403);
  });

  it('keeps new cases on the old version until the new one takes effect', async () => {
    const legal = await t.as('legal');
    const [current] = await t.query<{ version: number }>(
      `SELECT version FROM process_definition WHERE key = 'dibao-application' ORDER BY version DESC LIMIT 1`,
    );
    const past = await legal.post('/api/processes', {
      xml: DIBAO.replace('name="邻里访问"', 'name="邻里走访"'),
      effectiveFrom: '2020-01-01',
    });
    expect(past.status).toBe(400);
    expect(past.body.details[0].field).toBe('effectiveFrom');

    const inThreeDays = new Date(Date.parse(`${t.clock.today()}T00:00:00Z`) + 3 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const deployed = await legal
      .post('/api/processes', {
        xml: DIBAO.replace('name="邻里访问"', 'name="邻里走访"'),
        fileName: 'dibao-application.bpmn',
        effectiveFrom: inThreeDays,
      })
      .expect(201);
    expect(deployed.body).toMatchObject({
      version: current.version + 1,
      effectiveFrom: inThreeDays,
      created: true,
    });
    const audit = await t.query<{ detail: { version: number } }>(
      `SELECT detail FROM audit_entry WHERE action = 'process.deploy'`,
    );
    expect(audit.map((a) => a.detail.version)).toContain(current.version + 1);

    const before = await apply(t);
    expect(await caseVersion(before)).toBe(current.version);
    await t.advanceDays(3);
    const after = await apply(t);
    expect(await caseVersion(after)).toBe(current.version + 1);
    expect(await caseVersion(before)).toBe(current.version);
  });
});

describe('document templates', () => {
  it('lists templates and returns one with its sample data', async () => {
    const legal = await t.as('legal');
    const list = await legal.get('/api/templates').expect(200);
    expect(list.body.map((x: { id: string }) => x.id)).toContain('non-acceptance-notice');
    const one = await legal.get('/api/templates/non-acceptance-notice').expect(200);
    expect(one.body).toMatchObject({ id: 'non-acceptance-notice', title: '不予受理通知书', remedy: true });
    expect(one.body.body).toContain('{{form.reasons}}');
    expect(one.body.sample.form.reasons).toBeTruthy();
    await legal.get('/api/templates/nope').expect(404);
  });

  it('renders a preview from the sample with a 预览 mark and no number', async () => {
    const { body: tpl } = await (await t.as('legal')).get('/api/templates/non-acceptance-notice').expect(200);
    const res = await binaryPost('/api/templates/preview', { manifest: tpl.manifest, body: tpl.body });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const text = pdfText(res.body);
    expect(text).toContain('预览稿');
    expect(text).toContain('不予受理通知书');
    expect(text).not.toContain('城民不受〔2026〕1号');

    const data = { ...tpl.sample, applicant: { ...tpl.sample.applicant, name: '预览测试人' } };
    const withData = await binaryPost('/api/templates/preview', {
      manifest: tpl.manifest,
      body: tpl.body,
      data,
    });
    expect(pdfText(withData.body)).toContain('预览测试人');
  });

  it('answers a Handlebars syntax error with 400 naming the line', async () => {
    const { body: tpl } = await (await t.as('legal')).get('/api/templates/non-acceptance-notice').expect(200);
    const body = `> {{applicant.name}}：\n\n正文\n{{#if form.reasons}}未闭合\n`;
    const res = await (await t.as('legal')).post('/api/templates/preview', { manifest: tpl.manifest, body });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/第 \d+ 行/);
    expect(res.body.details[0]).toMatchObject({ field: 'body' });
  });

  it('refuses 8 and 9 nested {{#each @root}} on lint, preview and publish, each within two seconds', async () => {
    const legal = await t.as('legal');
    const { body: tpl } = await legal.get('/api/templates/non-acceptance-notice').expect(200);
    const releases = async () => (await t.query(`SELECT count(*)::int AS n FROM template_release`))[0].n;
    const before = await releases();
    for (const levels of [8, 9]) {
      // 8 levels: 183 characters; over the sample's keys, 8^8 iterations made lint take 7.7 s.
      const nested = `${'{{#each @root}}'.repeat(levels)}x${'{{/each}}'.repeat(levels)}`;
      const body = `${tpl.body}\n${nested}`;
      for (const url of [
        '/api/templates/lint',
        '/api/templates/preview',
        '/api/templates/non-acceptance-notice',
      ]) {
        const res = await legal.post(url, { manifest: tpl.manifest, body });
        expect({ url, levels, status: res.status, field: res.body.details?.[0]?.field }).toEqual({
          url,
          levels,
          status: 400,
          field: 'body',
        });
        expect(res.body.message).toContain('{{#each}} 只能遍历数据中的列表');
      }
    }
    expect(await releases()).toBe(before);
  });

  it('refuses to publish a refusal without the remedy time limits', async () => {
    const legal = await t.as('legal');
    const { body: tpl } = await legal.get('/api/templates/non-acceptance-notice').expect(200);
    const res = await legal.post('/api/templates/non-acceptance-notice', {
      manifest: tpl.manifest,
      body: tpl.body.replace('六十日内', '依法'),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.details)).toContain('六十日');
  });

  it('uses a published version for the next issued document', async () => {
    const legal = await t.as('legal');
    const { body: tpl } = await legal.get('/api/templates/verification-authorization').expect(200);
    const body = tpl.body.replace('查询所得信息仅用于', '查询所得信息（经本次修订）仅用于');
    expect(body).not.toBe(tpl.body);
    const published = await legal.post('/api/templates/verification-authorization', {
      manifest: tpl.manifest,
      body,
    });
    expect(published.status).toBe(201);
    expect(published.body.version).toBe(tpl.version + 1);
    const again = await legal.get('/api/templates/verification-authorization').expect(200);
    expect(again.body.version).toBe(tpl.version + 1);
    expect(again.body.releases).toHaveLength(1);

    const caseId = await apply(t);
    const [doc] = await t.query(
      `SELECT id, template_version FROM document WHERE case_id = $1 AND template_id = 'verification-authorization'`,
      [caseId],
    );
    expect(doc.template_version).toBe(tpl.version + 1);
    const pdf = await t.download('approver', `/api/documents/${doc.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdfText(pdf.body)).toContain('经本次修订');

    // A release dated in the future waits for its day.
    const later = new Date(Date.parse(`${t.clock.today()}T00:00:00Z`) + 2 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const v3 = await legal.post('/api/templates/verification-authorization', {
      manifest: tpl.manifest,
      body: body.replace('经本次修订', '第三次修订'),
      effectiveFrom: later,
    });
    expect(v3.status).toBe(201);
    const issuedVersion = async (id: string) =>
      (
        await t.query(
          `SELECT template_version FROM document WHERE case_id = $1 AND template_id = 'verification-authorization'`,
          [id],
        )
      )[0].template_version;
    expect(await issuedVersion(await apply(t))).toBe(tpl.version + 1);
    await t.advanceDays(2);
    expect(await issuedVersion(await apply(t))).toBe(tpl.version + 2);
  });
});
