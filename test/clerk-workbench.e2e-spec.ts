import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { processVariables } from '@app/cases';
import { TestApp } from './support/test-app';
import { APPLICATION, apply } from './support/case-driver';

/** The clerk workbench API: inbox filters and urgency, the case diagram, document previews. */
let t: TestApp;
let caseA: string;
let caseB: string;

beforeAll(async () => {
  t = await TestApp.start();
  caseA = await apply(t);
  caseB = await apply(t, {
    regionCode: '410799100202',
    applicant: { ...APPLICATION.applicant, name: '赵春梅', idNumber: '410799197208150023' },
    members: [{ name: '赵春梅', idNumber: '410799197208150023', relation: '本人' }],
  });
});
afterAll(async () => {
  await t?.stop();
});

/** Text in content-stream order: the diagonal preview mark then does not interleave with the body. */
function pdfText(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'preview-')), 'doc.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    '',
  );
}

async function inbox(user: string, query = '') {
  return (await t.as(user)).get(`/api/tasks${query}`);
}

async function taskOf(user: string, caseId: string) {
  const res = await inbox(user);
  return res.body.find((x: { caseId: string }) => x.caseId === caseId);
}

describe('inbox', () => {
  it('returns township, legal basis and urgency with each task', async () => {
    const res = await inbox('clerk');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(2);
    const a = res.body.find((x: { caseId: string }) => x.caseId === caseA);
    expect(a).toMatchObject({
      name: '受理审查',
      townshipName: '城关镇',
      program: 'dibao',
      dueDateCertain: true,
      urgency: { level: 'green', label: '充足' },
    });
    expect(a.legalBasis).toContain('第十条');
    const one = await (await t.as('clerk')).get(`/api/tasks/${a.taskId}`).expect(200);
    expect(one.body).toMatchObject({ legalBasis: a.legalBasis, urgency: a.urgency });
  });

  it('filters by program, township and due date and sorts by creation', async () => {
    expect((await inbox('clerk', '?program=dibao&township=410799100')).body).toHaveLength(2);
    expect((await inbox('clerk', '?township=410799101')).body).toHaveLength(0);
    const yesterday = new Date(t.clock.now().getTime() - 86_400_000).toISOString().slice(0, 10);
    expect((await inbox('clerk', `?dueBefore=${yesterday}`)).body).toHaveLength(0);
    expect((await inbox('clerk', '?dueBefore=2100-12-31')).body).toHaveLength(2);
    const desc = (await inbox('clerk', '?sort=created&order=desc')).body.map(
      (x: { caseId: string }) => x.caseId,
    );
    const asc = (await inbox('clerk', '?sort=created&order=asc')).body.map(
      (x: { caseId: string }) => x.caseId,
    );
    expect(desc).toEqual([caseB, caseA]);
    expect(asc).toEqual([caseA, caseB]);
  });

  it('names every bad parameter in Chinese', async () => {
    const res = await inbox('clerk', '?program=xyz&township=4107&dueBefore=2026-02-30&sort=name&order=up');
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([
      'program',
      'township',
      'dueBefore',
      'sort',
      'order',
    ]);
    expect(res.body.details[0].message).toContain('不支持的救助项目');
    expect(res.body.message).toMatch(/^查询参数有误/);
  });
});

describe('case diagram', () => {
  it('shows the path taken and the task waiting', async () => {
    const res = await (await t.as('clerk')).get(`/api/cases/${caseA}/diagram`).expect(200);
    expect(res.body.xml).toContain('id="dibao-application"');
    expect(res.body.completed).toEqual(
      expect.arrayContaining(['StartEvent_Submitted', 'Task_IssueAuthorization', 'Gateway_AcceptanceMerge']),
    );
    expect(res.body.taken).toEqual(expect.arrayContaining(['Flow_Submitted', 'Flow_AuthorizationIssued']));
    expect(res.body.active).toEqual(['Task_AcceptanceReview']);
    expect(res.body.completed).not.toContain('Task_AcceptanceReview');
  });

  it('is refused outside the region', async () => {
    await (await t.as('hexi_clerk')).get(`/api/cases/${caseA}/diagram`).expect(403);
  });
});

describe('case detail', () => {
  it('names the region from the county down, for the household tab', async () => {
    const res = await (await t.as('clerk')).get(`/api/cases/${caseA}`).expect(200);
    expect(res.body.case.regionCode).toBe('410799100201');
    expect(res.body.regionName).toBe('平安县城关镇东关村');
  });
});

describe('document preview', () => {
  async function counters() {
    return t.query(`SELECT scope, year, value FROM counter ORDER BY scope, year`);
  }
  async function documents() {
    return t.query(`SELECT id FROM document ORDER BY id`);
  }
  /** Acts on the record; a preview is a read of personal data and is recorded as one (access.*). */
  async function audits() {
    return t.query(`SELECT id FROM audit_entry WHERE action NOT LIKE 'access.%' ORDER BY id`);
  }

  it('renders the refusal notice with the reasons, marked as a preview, and issues nothing', async () => {
    const task = await taskOf('clerk', caseB);
    const before = { counters: await counters(), documents: await documents(), audits: await audits() };
    const reasons = '申请人户籍不在本乡镇辖区内，应向户籍所在地乡镇提出申请';
    const res = await (
      await t.as('clerk')
    )
      .post(`/api/tasks/${task.taskId}/preview`, { data: { decision: 'refuse', reasons } })
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.body);
    expect(text).toContain(reasons);
    expect(text).toContain('不予受理通知书');
    expect(text).toContain('预览非正式文书');
    expect(text).toContain('（预览）');
    expect(await counters()).toEqual(before.counters);
    expect(await documents()).toEqual(before.documents);
    expect(await audits()).toEqual(before.audits);
    const [read] = await t.query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE action = 'access.document.preview'`,
    );
    expect(read.n).toBeGreaterThan(0);
  });

  it('follows the gateway: accepting previews the acceptance notice', async () => {
    const task = await taskOf('clerk', caseB);
    // Accepting issues the 受理通知书 and, on the way to the information check, the 核对提请函.
    const choices = await (
      await t.as('clerk')
    )
      .post(`/api/tasks/${task.taskId}/preview`, { data: { decision: 'accept' } })
      .expect(200);
    expect(choices.body.documents.map((d: { templateId: string }) => d.templateId)).toEqual([
      'acceptance-notice',
      'verification-request-letter',
    ]);
    const res = await t.http
      .post(`/api/tasks/${task.taskId}/preview?template=acceptance-notice`)
      .set('Authorization', `Bearer ${await t.token('clerk')}`)
      .send({ data: { decision: 'accept' } })
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(pdfText(res.body)).toContain('受理通知书');
    expect(pdfText(res.body)).not.toContain('不予受理');
  });

  it('checks the form like completing does, and the role', async () => {
    const task = await taskOf('clerk', caseB);
    const bad = await (await t.as('clerk')).post(`/api/tasks/${task.taskId}/preview`, { data: {} });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ field: 'data.decision', message: '“受理决定”为必填项' }]);
    const other = await (
      await t.as('investigator')
    ).post(`/api/tasks/${task.taskId}/preview`, {
      data: { decision: 'accept' },
    });
    expect(other.status).toBe(403);
  });
});

describe('after a step', () => {
  it('records the step in the diagram and urgency follows the working-day calendar', async () => {
    const clerk = await t.as('clerk');
    const task = await taskOf('clerk', caseA);
    await clerk.post(`/api/tasks/${task.taskId}/complete`, { data: { decision: 'accept' } }).expect(200);
    const res = await clerk.get(`/api/cases/${caseA}/diagram`).expect(200);
    expect(res.body.completed).toEqual(
      expect.arrayContaining([
        'Task_AcceptanceReview',
        'Gateway_AcceptanceDecision',
        'Task_IssueAcceptanceNotice',
      ]),
    );
    expect(res.body.taken).toContain('Flow_Accept');
    expect(res.body.taken).not.toContain('Flow_Refuse');
    expect(res.body.active).toEqual(['Task_InformationCheck']);
    // The preview reads the variables a later document.issue would see from the stored engine state.
    const [{ state }] = await t.query(
      `SELECT state FROM process_instance WHERE id = (SELECT process_instance_id FROM assistance_case WHERE id = $1)`,
      [caseA],
    );
    expect(processVariables(state)).toMatchObject({ decision: 'accept', applicantName: '王建国' });

    await t.advanceDays(30);
    const late = await taskOf('clerk', caseB);
    // The tag says by how much, in working days of the official calendar.
    expect(late.urgency).toEqual({
      level: 'red',
      label: expect.stringMatching(/^逾期 (1\d|[2-9]) 个工作日$/),
    });
  });
});
