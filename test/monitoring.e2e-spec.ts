/**
 * 主动发现 over HTTP: a department's event raises a warning in the township's inbox, a repeated
 * delivery changes nothing, a second event for the same person joins the open warning, and the
 * seven-step loop ends with the family informed of 低保 and referred (已告知并协助申请: no application
 * is opened in their name) and the warning lifted.
 */
import { withCheckDigit } from '@app/assistance';
import { TestApp, pdfText } from './support/test-app';
import { apply, drive, openTasks } from './support/case-driver';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start({ documents: 'on-read' });
});
afterAll(async () => {
  await t?.stop();
});

const PERSON = {
  name: '张秀兰',
  idNumber: withCheckDigit('41079919850312452'),
  address: '平安县城关镇东关村三组18号',
};
const EVENT = {
  source: '县医疗保障局',
  sourceEventId: 'YB-2026-000123',
  type: 'hospitalization',
  occurredOn: '2026-01-05',
  person: PERSON,
  regionCode: '410799100201',
  details: '在县人民医院住院治疗，个人自付医疗费用3.6万元。',
  amountFen: 3_600_000,
};

const loopAnswers = (today: string) => ({
  investigators: ['赵调查', '冯协理'],
  visitDate: today,
  findings: '本人患重病住院，配偶无固定收入，家庭存款已用于治疗，生活困难属实。',
  needs: '建议启动最低生活保障申请，并告知临时救助和医疗救助政策。',
  assistance: ['dibao'],
  reviewOpinion: '家庭可能符合低保条件，告知低保政策并协助申请。',
  liftReason: '已告知最低生活保障政策并协助申请，纳入常态化救助帮扶。',
  liftDate: today,
  serviceMethod: ['direct'],
  serviceDate: today,
  recipient: '张秀兰',
  serviceAddress: '平安县城关镇东关村三组18号',
  servers: ['李窗口', '赵调查'],
});

describe('monitoring events and the warning loop', () => {
  let warningId: string;
  let warningNo: string;
  let eventId: string;

  it('raises a warning for the township of the person’s village', async () => {
    const admin = await t.as('admin');
    const res = await admin.post('/api/monitoring/events', EVENT);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      attached: false,
      duplicate: false,
      riskLevel: 'high',
      matchedCaseNos: [],
      warningCaseNo: expect.stringMatching(/^YJ-\d{4}-\d{6}$/),
    });
    ({ warningCaseId: warningId, warningCaseNo: warningNo, eventId } = res.body);

    const [kase] = await t.query(
      `SELECT kind, program, region_code, applicant_id_number, status FROM assistance_case WHERE id = $1`,
      [warningId],
    );
    expect(kase).toEqual({
      kind: 'monitoring',
      program: 'monitoring',
      region_code: '410799100201',
      applicant_id_number: PERSON.idNumber,
      status: 'in_progress',
    });
    const inbox = await (await t.as('investigator')).get('/api/tasks').expect(200);
    expect(inbox.body).toContainEqual(
      expect.objectContaining({
        caseId: warningId,
        caseNo: warningNo,
        name: '核实评估',
        dueDate: expect.any(String),
      }),
    );
    // Another township does not see it.
    const hexi = await (await t.as('hexi_clerk')).get('/api/monitoring/warnings').expect(200);
    expect(hexi.body).toEqual([]);
    const list = await (await t.as('reviewer')).get('/api/monitoring/warnings').expect(200);
    expect(list.body).toEqual([
      expect.objectContaining({
        id: warningId,
        personName: '张秀兰',
        idNumberMasked: `${PERSON.idNumber.slice(0, 6)}********${PERSON.idNumber.slice(14)}`,
        riskLevel: 'high',
        eventCount: 1,
        openTasks: [expect.objectContaining({ name: '核实评估', candidateGroups: ['investigator'] })],
      }),
    ]);
  });

  it('answers a repeated delivery with the first receipt and stores nothing new', async () => {
    const res = await (await t.as('admin')).post('/api/monitoring/events', { ...EVENT, details: '重复推送' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ eventId, warningCaseId: warningId, duplicate: true });
    const rows = await t.query(`SELECT count(*)::int AS n FROM monitoring_event`);
    expect(rows[0].n).toBe(1);
    const warnings = await t.query(
      `SELECT count(*)::int AS n FROM assistance_case WHERE kind = 'monitoring'`,
    );
    expect(warnings[0].n).toBe(1);
  });

  it('attaches a second event for the same person to the open warning', async () => {
    const res = await (
      await t.as('approver')
    ).post('/api/monitoring/events', {
      ...EVENT,
      source: '县残疾人联合会',
      sourceEventId: 'CL-2026-88',
      type: 'disability_certificate',
      details: '新办二级肢体残疾证。',
      amountFen: undefined,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ warningCaseId: warningId, attached: true, riskLevel: 'medium' });
    const events = await (
      await t.as('reviewer')
    )
      .get(`/api/monitoring/warnings/${warningId}/events`)
      .expect(200);
    expect(events.body.map((e: { type: string }) => e.type)).toEqual([
      'hospitalization',
      'disability_certificate',
    ]);
    expect(await openTasks(t, warningId)).toHaveLength(1);
  });

  it('refuses bad events with zh-CN field errors, and other roles', async () => {
    const admin = await t.as('admin');
    const bad = await admin.post('/api/monitoring/events', {
      ...EVENT,
      sourceEventId: 'YB-BAD',
      person: { ...PERSON, idNumber: '410799198503124520' },
      regionCode: '410799100',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual(
      expect.arrayContaining([{ field: 'regionCode', message: '应为12位村（社区）行政区划代码' }]),
    );
    const badId = await admin.post('/api/monitoring/events', {
      ...EVENT,
      sourceEventId: 'YB-BAD',
      person: { ...PERSON, idNumber: '410799198503124520' },
    });
    expect(badId.status).toBe(400);
    expect(badId.body.details).toEqual([
      { field: 'person.idNumber', message: '身份证号码无效：校验码错误（GB 11643），请核对号码' },
    ]);
    const clerk = await (
      await t.as('clerk')
    ).post('/api/monitoring/events', { ...EVENT, sourceEventId: 'X' });
    expect(clerk.status).toBe(403);
  });

  it('drives the loop through 干预 to an informed referral (no application in the family’s name), then lifts it', async () => {
    const done = await drive(t, warningId, loopAnswers(t.clock.today()));
    expect(done).toEqual(['核实评估', '联审', '预警解除', '送达政策告知书']);

    const [warning] = await t.query(`SELECT status, outcome FROM assistance_case WHERE id = $1`, [warningId]);
    expect(warning).toEqual({ status: 'closed', outcome: 'lifted' });
    // 低保 is granted on application: the joint review opens no case in the family's name ...
    const opened = await t.query(
      `SELECT case_no FROM assistance_case WHERE kind <> 'monitoring' AND (parent_case_id = $1 OR applicant_id_number = $2)`,
      [warningId, PERSON.idNumber],
    );
    expect(opened).toEqual([]);
    // ... and issues nothing the family would sign: no 申请书, 声明 or 授权书 anywhere for the person.
    const signed = await t.query(
      `SELECT d.template_id FROM document d JOIN assistance_case c ON c.id = d.case_id
        WHERE c.applicant_id_number = $1 AND d.template_id IN
          ('dibao-application-form', 'family-declaration', 'verification-authorization', 'tekun-application-form',
           'tekun-declaration', 'tekun-authorization', 'low-income-authorization', 'linshi-authorization')`,
      [PERSON.idNumber],
    );
    expect(signed).toEqual([]);

    const detail = await (await t.as('reviewer')).get(`/api/cases/${warningId}`).expect(200);
    const templates = detail.body.documents.map((d: { templateId: string }) => d.templateId);
    expect(templates).toEqual(['warning-assessment-record', 'warning-policy-notice', 'service-receipt']);
    const notice = detail.body.documents.find(
      (d: { templateId: string }) => d.templateId === 'warning-policy-notice',
    );
    const pdf = await t.download('reviewer', `/api/documents/${notice.id}/pdf`);
    expect(pdf.status).toBe(200);
    const text = pdfText(pdf.body).replace(/\s+/g, '');
    expect(text).toContain('工作人员将与你联系');
    expect(text).toContain('社会救助政策告知书');
    expect(text).toContain('你家庭可能符合最低生活保障条件');
    expect(text).toContain('是否申请，由你家庭决定');
    expect(text).not.toMatch(/DIBAO-\d{4}/);

    const open = await (await t.as('reviewer')).get('/api/monitoring/warnings').expect(200);
    expect(open.body).toEqual([]);
    const referral = {
      program: 'dibao',
      programName: '最低生活保障',
      status: '已告知并协助申请',
      referredAt: expect.any(String),
      application: null,
    };
    // The window clerk sees the family to help apply.
    const referred = await (await t.as('clerk')).get('/api/monitoring/warnings?status=referred').expect(200);
    expect(referred.body).toEqual([expect.objectContaining({ id: warningId, children: [], referral })]);
    const all = await (await t.as('reviewer')).get('/api/monitoring/warnings?status=all').expect(200);
    expect(all.body).toEqual([
      expect.objectContaining({ id: warningId, status: 'closed', outcome: 'lifted', children: [], referral }),
    ]);
  });

  it('shows the application once the family applies at the window, and a new warning matches it', async () => {
    const applicationId = await apply(t, {
      applicant: {
        name: PERSON.name,
        idNumber: PERSON.idNumber,
        address: PERSON.address,
        phone: '13805712345',
      },
      members: [{ name: PERSON.name, idNumber: PERSON.idNumber, relation: '本人' }],
    });
    const referred = await (await t.as('clerk')).get('/api/monitoring/warnings?status=referred').expect(200);
    expect(referred.body).toEqual([]);
    const all = await (await t.as('clerk')).get('/api/monitoring/warnings?status=all').expect(200);
    expect(all.body[0].referral.application).toEqual({
      id: applicationId,
      caseNo: expect.stringMatching(/^DIBAO-\d{4}-\d{6}$/),
      status: 'in_progress',
    });

    const res = await (
      await t.as('admin')
    ).post('/api/monitoring/events', {
      ...EVENT,
      source: '县人力资源和社会保障局',
      sourceEventId: 'RS-2026-7',
      type: 'unemployment',
      details: '配偶失业登记。',
      amountFen: undefined,
    });
    expect(res.status).toBe(201);
    expect(res.body.attached).toBe(false);
    expect(res.body.warningCaseId).not.toBe(warningId);
    expect(res.body.matchedCaseNos).toEqual([expect.stringMatching(/^DIBAO-/)]);
  });

  it('keeps events append-only', async () => {
    await expect(
      t.db.transaction((em) =>
        em.query(`UPDATE monitoring_event SET details = 'x' WHERE id = $1`, [eventId]),
      ),
    ).rejects.toThrow(/append-only/);
  });
});
