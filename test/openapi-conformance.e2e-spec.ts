import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import { OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { withCheckDigit } from '@app/assistance';
import { buildOpenApiDocumentOffline } from '../apps/api/src/http/openapi';
import { PNG } from './support/sample-files';
import { TestApp } from './support/test-app';
import { installUnchecked } from './support/unchecked-model';
import { IncidentService, ProcessRuntime } from '@app/workflow';
import { APPLICATION, CONFIRM_PATH, WORKED_EXAMPLE, apply, drive } from './support/case-driver';

/**
 * What the API really answers is what its OpenAPI document (and so the web app's generated types)
 * says: every JSON GET route, and the JSON answers of a few writes, on a real closed case, an open
 * one and a warning, checked against the document's response schemas.
 */
const HANGING_MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="http://example.org">
  <bpmn:process id="contract-hangs" name="等待回执" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F0" sourceRef="Start" targetRef="Catch" />
    <bpmn:intermediateCatchEvent id="Catch" name="等待外部回执"><bpmn:messageEventDefinition /></bpmn:intermediateCatchEvent>
  </bpmn:process>
</bpmn:definitions>`;
let t: TestApp;
let doc: OpenAPIObject;
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const validators = new Map<string, ValidateFunction>();
const covered = new Set<string>();
const backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-contract-backups-'));

beforeAll(async () => {
  process.env.BACKUP_DIR = backupDir;
  doc = await buildOpenApiDocumentOffline();
  // One schema holding the components, so the operations' `#/components/...` refs resolve in it.
  ajv.addSchema(forAjv({ components: doc.components }), 'openapi');
  createDocument = jest.spyOn(SwaggerModule, 'createDocument');
  t = await TestApp.start();
});
let createDocument: jest.SpyInstance;
afterAll(async () => {
  createDocument?.mockRestore();
  await t?.stop();
  delete process.env.BACKUP_DIR;
});

type Operation = { responses: Record<string, { content?: Record<string, { schema: object }> }> };

/** The document's path template that a concrete URL (without query) falls under. */
function templateOf(method: string, url: string): string {
  const parts = url.split('?')[0].split('/');
  const found = Object.keys(doc.paths).find((p) => {
    const segments = p.split('/');
    return (
      segments.length === parts.length &&
      (doc.paths[p] as Record<string, unknown>)[method] !== undefined &&
      segments.every((s, i) => s === parts[i] || /^\{.+\}$/.test(s))
    );
  });
  if (!found) throw new Error(`文档中没有 ${method.toUpperCase()} ${url}`);
  return found;
}

/**
 * The operation's schema as Ajv reads it: refs into the components schema, and `nullable` beside a
 * composition (`allOf: [$ref]` as Nest writes a nullable model, `oneOf` of scalars) as "that or
 * null", which is how the web app's generated types read it too.
 */
function forAjv(schema: object): object {
  const text = JSON.stringify(schema).replace(/"#\/components\//g, '"openapi#/components/');
  return JSON.parse(text, (_key, value) => {
    if (!value || value.nullable !== true || !(value.allOf || value.oneOf || !value.type)) return value;
    const { nullable: _nullable, ...rest } = value;
    return { anyOf: [rest, { type: 'null' }] };
  });
}

function validatorFor(method: string, template: string, status: number): ValidateFunction {
  const key = `${method} ${template} ${status}`;
  let v = validators.get(key);
  if (!v) {
    const op = (doc.paths[template] as Record<string, Operation>)[method];
    const answer = op.responses[String(status)] ?? (status >= 400 ? op.responses.default : undefined);
    const schema = answer?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`文档未说明 ${method.toUpperCase()} ${template} 的 ${status} 应答`);
    v = ajv.compile(forAjv(schema));
    validators.set(key, v);
  }
  return v;
}

/** Fails naming every place where the answer differs from the document. */
function expectConforms(method: string, url: string, status: number, body: unknown): void {
  const template = templateOf(method, url);
  const validate = validatorFor(method, template, status);
  const problems = validate(body)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  expect({ route: `${method.toUpperCase()} ${template}`, problems }).toEqual({
    route: `${method.toUpperCase()} ${template}`,
    problems: [],
  });
  covered.add(`${method} ${template}`);
}

/** The answer's body, as supertest parsed it. */
async function get(user: string | null, url: string) {
  const res = user ? await (await t.as(user)).get(url) : await t.http.get(url);
  expect({ url, status: res.status }).toEqual({ url, status: 200 });
  expectConforms('get', url, res.status, res.body);
  return res.body;
}

async function send(method: 'post' | 'put', user: string, url: string, body: object, status: number) {
  const res = await (await t.as(user))[method](url, body);
  expect({ url, status: res.status }).toEqual({ url, status });
  expectConforms(method, url, res.status, res.body);
  return res.body;
}

async function post(user: string, url: string, body: object, status: number) {
  return send('post', user, url, body, status);
}

describe('the API answers as its OpenAPI document says', () => {
  let closedCase: string;
  let openCase: string;
  let warningId: string;

  beforeAll(async () => {
    // Applied from the portal, so the applicant's own views have a case to show.
    const draft = {
      program: APPLICATION.program,
      regionCode: APPLICATION.regionCode,
      applicant: APPLICATION.applicant,
      members: APPLICATION.members,
    };
    const text = await post('applicant', '/api/portal/authorization-text', draft, 200);
    const created = await post(
      'applicant',
      '/api/cases',
      {
        ...APPLICATION,
        authorization: { signerName: APPLICATION.applicant.name, accepted: true, textHash: text.textHash },
      },
      201,
    );
    closedCase = created.id;
    await send(
      'put',
      'investigator',
      `/api/cases/${closedCase}/economics`,
      { household: WORKED_EXAMPLE },
      200,
    );
    await drive(t, closedCase, CONFIRM_PATH);
    await t.advanceDays(8);
    await drive(t, closedCase, CONFIRM_PATH);
    openCase = await apply(t, {
      regionCode: '410799100202',
      applicant: { ...APPLICATION.applicant, name: '赵春梅', idNumber: '410799197208150023' },
      members: [{ name: '赵春梅', idNumber: '410799197208150023', relation: '本人' }],
    });
    // So the lists below have items to check, not only empty arrays.
    const staff = await get('admin', '/api/supervision/near-relatives/staff');
    const hexiClerk = staff.find((s: { displayName: string }) => s.displayName === '郑窗口');
    await post(
      'admin',
      '/api/supervision/near-relatives',
      {
        staffUserId: hexiClerk.id,
        relativeName: '赵春梅',
        relativeIdNumber: '410799197208150023',
        relation: '配偶',
      },
      201,
    );
    const upload = await t.http
      .post(`/api/cases/${openCase}/attachments`)
      .query({ kind: 'scan', fileName: '户口簿.png' })
      .set('Authorization', `Bearer ${await t.token('clerk')}`)
      .set('Content-Type', 'image/png')
      .send(PNG);
    expect(upload.status).toBe(201);
    expectConforms('post', `/api/cases/${openCase}/attachments`, 201, upload.body);
  });

  it('on cases, tasks and documents (window clerk, approver)', async () => {
    const tasks = await get('clerk', '/api/tasks');
    await get('clerk', `/api/tasks/${tasks[0].taskId}`);
    await (
      await t.as('clerk')
    )
      .put(`/api/tasks/${tasks[0].taskId}/draft`, { data: { reasons: '草稿' } })
      .expect(200);
    expect((await get('clerk', `/api/tasks/${tasks[0].taskId}/draft`)).data).toEqual({ reasons: '草稿' });
    await post('clerk', `/api/tasks/${tasks[0].taskId}/claim`, {}, 200);
    await get('clerk', '/api/delegations');
    expect(await get('clerk', '/api/delegations/staff')).not.toHaveLength(0);
    await get('clerk', '/api/cases');
    await get('clerk', `/api/cases/${openCase}`);
    const detail = await get('approver', `/api/cases/${closedCase}`);
    expect(detail.case.status).toBe('closed');
    await get('clerk', `/api/cases/${closedCase}/diagram`);
    await get('clerk', `/api/cases/${openCase}/identity`);
    await get('clerk', `/api/cases/${openCase}/authorization-signatures`);
    await get('clerk', `/api/cases/${openCase}/staff?duty=investigator`);
    await get('clerk', `/api/cases/${closedCase}/procedures`);
    const attachments = await get('clerk', `/api/cases/${openCase}/attachments`);
    expect(attachments).toHaveLength(1);
    await get('clerk', `/api/cases/${closedCase}/service`);
    await get('clerk', `/api/benefits/${closedCase}`);
    await get('clerk', '/api/programs');
    await get('clerk', '/api/auth/me');
    await get('clerk', '/api/regions?parent=410799100');
    const document = detail.documents[0];
    await get('approver', `/api/documents/${document.id}`);
    await get(null, `/api/verify/${document.verifyCode}`);
    await get('approver', `/api/assessments/${detail.assessment.id}`);
    await post('approver', `/api/assessments/${detail.assessment.id}/rerun`, {}, 200);
  });

  it('on the applicant portal and the public listing', async () => {
    const mine = await get('applicant', '/api/portal/cases');
    expect(mine.map((c: { id: string }) => c.id)).toContain(closedCase);
    await get('applicant', `/api/portal/cases/${closedCase}`);
    await get('applicant', `/api/portal/cases/${closedCase}/service`);
    await get('applicant', `/api/portal/cases/${closedCase}/attachments`);
    await get('applicant', `/api/portal/cases/${closedCase}/authorization`);
    await get('applicant', '/api/portal/materials?program=dibao&regionCode=410799100201');
    await get('applicant', '/api/portal/messages');
    await get('applicant', '/api/portal/identity');
    await get('clerk', '/api/messages');
    await get('clerk', '/api/clock');
    await get(null, '/api/public/listing?regionCode=410799100201');
  });

  it('on supervision, monitoring, reports and dynamic management (approver, reviewer)', async () => {
    const receipt = await post(
      'approver',
      '/api/monitoring/events',
      {
        source: '县医疗保障局',
        sourceEventId: 'YB-2026-000777',
        type: 'hospitalization',
        occurredOn: '2026-01-05',
        person: {
          name: '张秀兰',
          idNumber: withCheckDigit('41079919850312452'),
          address: '平安县城关镇东关村三组18号',
        },
        regionCode: '410799100201',
        details: '在县人民医院住院治疗，个人自付医疗费用3.6万元。',
        amountFen: 3_600_000,
      },
      201,
    );
    warningId = receipt.warningCaseId;
    await get('approver', '/api/monitoring/warnings?status=all');
    await get('approver', `/api/monitoring/warnings/${warningId}/events`);
    await post('approver', '/api/supervision/recheck-draws', { regionCode: '410799', ratio: 1 }, 201);
    await get('approver', '/api/supervision/recheck-draws');
    expect(await get('approver', '/api/supervision/near-relatives')).toHaveLength(1);
    await get('approver', '/api/supervision/near-relatives/staff');
    expect(await get('approver', '/api/supervision/near-relatives/cases')).not.toHaveLength(0);
    await get('approver', '/api/stats/overview');
    await get('approver', '/api/reports/overdue');
    await get('approver', '/api/duty-rules?regionCode=410799');
    await post(
      'admin',
      '/api/duty-rules/proposals',
      {
        regionCode: '410799101',
        effectiveFrom: t.clock.today(),
        rules: { separate: [['investigator', 'county_approver']], nearRelativeRecusal: true },
      },
      201,
    );
    expect(await get('approver', '/api/duty-rules/proposals')).toHaveLength(1);
    const cohort = await post(
      'reviewer',
      '/api/review-cohorts',
      { regionCode: '410799100', period: t.clock.today().slice(0, 7) },
      201,
    );
    await get('reviewer', '/api/review-cohorts');
    await get('reviewer', `/api/review-cohorts/${cohort.id}`);
  });

  it('on administration, studio and the audit trail (admin, legal officer, auditor)', async () => {
    await get('admin', '/api/users');
    await get('admin', '/api/backups');
    await get('admin', '/api/calendar');
    await get('admin', `/api/calendar/${t.clock.today().slice(0, 4)}`);
    await get('admin', '/api/policy-parameters?regionCode=410799');
    await get('admin', `/api/policy-parameters/resolve?regionCode=410799100201&date=${t.clock.today()}`);
    await get('admin', '/api/integrity');
    await get(null, '/api/health');
    const processes = await get('admin', '/api/processes');
    await get('admin', `/api/processes/${processes[0].id}`);
    await get('admin', `/api/processes/${processes[0].key}/migrations`);
    const draft = await post(
      'legal',
      '/api/processes/drafts',
      { from: 'blank', key: 'conformance-draft', name: '契约检查' },
      201,
    );
    await send('put', 'legal', `/api/processes/drafts/${draft.id}`, { xml: draft.source }, 200);
    await get('legal', '/api/processes/drafts');
    await get('legal', '/api/processes/retirements');
    await get('legal', `/api/processes/drafts/${draft.id}`);
    await post('legal', '/api/processes/changes', { xml: draft.source }, 200);
    // One incident to list: a case that hangs on a message no API delivers, found by the watchdog.
    await installUnchecked(t, HANGING_MODEL);
    const runtime = t.app.get(ProcessRuntime);
    await runtime.transaction((em) =>
      runtime.start(em, {
        definitionKey: 'contract-hangs',
        businessKey: 'contract',
        variables: {},
        actorId: null,
      }),
    );
    await t.app.get(IncidentService).watch();
    const incidents = await get('legal', '/api/incidents?status=open');
    await get('admin', `/api/incidents/${incidents[0].id}`);
    const templates = await get('legal', '/api/templates');
    await get('legal', `/api/templates/${templates[0].id}`);
    await get('auditor', '/api/audit?limit=50');
  });

  it('on failures: one error shape for every route', async () => {
    const failures: [string | null, string, number][] = [
      ['clerk', '/api/cases/not-a-case', 400],
      ['clerk', '/api/cases/00000000-0000-4000-8000-000000000000', 404],
      ['applicant', '/api/cases', 403],
      [null, '/api/tasks', 401],
    ];
    for (const [user, url, status] of failures) {
      const res = user ? await (await t.as(user)).get(url) : await t.http.get(url);
      expect({ url, status: res.status }).toEqual({ url, status });
      expectConforms('get', url, res.status, res.body);
    }
  });

  it('covers every JSON GET route of the document', () => {
    const jsonGets = Object.entries(doc.paths)
      .filter(([, item]) => {
        const ok = (item as Record<string, Operation>).get?.responses['200'];
        return ok?.content?.['application/json'] !== undefined;
      })
      .map(([p]) => `get ${p}`);
    expect(jsonGets.filter((r) => !covered.has(r))).toEqual([]);
  });
});

describe('the served OpenAPI document', () => {
  it('is built on the first request for it, not at start, and is the contract', async () => {
    // No route above reads /api/docs: the start and every answer so far built no document.
    expect(createDocument).not.toHaveBeenCalled();
    const served = await t.http.get('/api/docs-json').expect(200);
    expect(served.body).toEqual(JSON.parse(JSON.stringify(doc)));
    await t.http.get('/api/docs-json').expect(200);
    expect(createDocument).toHaveBeenCalledTimes(1);
  });
});
