/**
 * 日常监管 over HTTP: the staff near-relative register (and the county visit it forces), the public
 * long-term listing (no login, no full ID numbers), reproducible random re-check draws that start
 * review procedures, and complaints answered in writing.
 */
import { drawSample } from '@app/assistance';
import { TestApp, pdfText } from './support/test-app';
import { APPLICATION, CONFIRM_PATH, apply, drive, openTasks } from './support/case-driver';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start({ documents: 'on-read' });
});
afterAll(async () => {
  await t?.stop();
});

/** Any 18-character resident ID number. */
const FULL_ID = /\d{17}[\dX]/;
const WIFE = APPLICATION.members[1];

async function confirmCase(caseId: string) {
  await drive(t, caseId, CONFIRM_PATH);
  expect(await t.advanceDays(8)).toBeGreaterThanOrEqual(1);
  const today = t.clock.today();
  await drive(t, caseId, { ...CONFIRM_PATH, serviceDate: today, countyVisitDate: today, visitDate: today });
}

describe('supervision', () => {
  let confirmedId: string;

  it('registers a staff member’s near relative; only admin and county may', async () => {
    const admin = await t.as('admin');
    const staff = await admin.get('/api/supervision/near-relatives/staff').expect(200);
    // Another township's clerk: staff who must recuse cannot work the case (see trust.e2e-spec).
    const clerk = staff.body.find((s: { displayName: string }) => s.displayName === '郑窗口');
    expect(clerk).toMatchObject({ role: 'window_clerk', regionCode: '410799101' });
    const body = {
      staffUserId: clerk.id,
      relativeName: WIFE.name,
      relativeIdNumber: WIFE.idNumber,
      relation: '配偶',
    };
    const res = await admin.post('/api/supervision/near-relatives', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ staffName: '郑窗口', relativeName: WIFE.name, relation: '配偶' });

    expect((await admin.post('/api/supervision/near-relatives', body)).status).toBe(409);
    const bad = await admin.post('/api/supervision/near-relatives', {
      ...body,
      relation: '表兄弟',
      relativeIdNumber: '410799198306110021',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'relation' })]),
    );
    const byClerk = await (await t.as('clerk')).post('/api/supervision/near-relatives', body);
    expect(byClerk.status).toBe(403);
    const list = await (await t.as('approver')).get('/api/supervision/near-relatives').expect(200);
    expect(list.body).toHaveLength(1);
  });

  it('makes an application with a registered relative a near-relative case: the county must visit', async () => {
    confirmedId = await apply(t, { nearRelative: false });
    const [row] = await t.query(`SELECT near_relative FROM assistance_case WHERE id = $1`, [confirmedId]);
    expect(row.near_relative).toBe(true);
    await confirmCase(confirmedId);
    const names = (
      await t.query(
        `SELECT t.name FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id WHERE c.id = $1`,
        [confirmedId],
      )
    ).map((r) => r.name);
    expect(names).toContain('县级入户核查');
    const [kase] = await t.query(`SELECT status, outcome FROM assistance_case WHERE id = $1`, [confirmedId]);
    expect(kase).toEqual({ status: 'closed', outcome: 'confirmed' });

    const cases = await (await t.as('approver')).get('/api/supervision/near-relatives/cases').expect(200);
    expect(cases.body).toEqual([
      expect.objectContaining({
        id: confirmedId,
        nearRelative: true,
        relatives: [
          {
            relativeName: WIFE.name,
            idNumberMasked: '410799********002X',
            relation: '配偶',
            staffName: '郑窗口',
          },
        ],
      }),
    ]);
  });

  it('publishes the long-term listing without login: name, size, amount and program only (Art. 24)', async () => {
    const res = await t.http.get('/api/public/listing?regionCode=410799100201').expect(200);
    expect(res.body).toMatchObject({
      region: { code: '410799100201', name: '东关村' },
      total: 1,
      rows: [
        {
          name: APPLICATION.applicant.name,
          programName: '最低生活保障',
          householdSize: 3,
          monthlyAmountFen: 56200,
        },
      ],
    });
    // No ID number, masked or not, and no start month: the row is exactly what Art. 24 publishes.
    expect(Object.keys(res.body.rows[0]).sort()).toEqual(
      ['householdSize', 'monthlyAmountFen', 'name', 'program', 'programName'].sort(),
    );
    expect(JSON.stringify(res.body)).not.toMatch(/\*{8}/);
    expect(JSON.stringify(res.body)).not.toMatch(FULL_ID);
    expect(JSON.stringify(res.body)).not.toContain(APPLICATION.applicant.address);

    const pdf = await t.http
      .get('/api/public/listing.pdf?regionCode=410799100201')
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.body as Buffer);
    expect(text).toContain('社会救助对象长期公布');
    expect(text).toContain(APPLICATION.applicant.name);
    expect(text).toContain('562.00');
    expect(text).not.toMatch(FULL_ID);
    expect(text).not.toMatch(/\*{8}/);

    const other = await t.http.get('/api/public/listing?regionCode=410799101201').expect(200);
    expect(other.body.rows).toEqual([]);
    const bad = await t.http.get('/api/public/listing?regionCode=410799100').expect(400);
    expect(bad.body.details).toEqual([{ field: 'regionCode', message: '应为12位村（社区）行政区划代码' }]);
  });

  it('draws a reproducible random re-check and starts a review procedure on each case drawn', async () => {
    // Three more beneficiaries: applications marked active as H3b's ledger would after confirmation.
    const others = [await apply(t), await apply(t), await apply(t)];
    await t.db.transaction((em) =>
      em.query(
        `UPDATE assistance_case SET benefit_status = 'active', benefit_amount_fen = 50000 WHERE id = ANY($1::uuid[])`,
        [others],
      ),
    );
    const approver = await t.as('approver');
    expect(
      (
        await (
          await t.as('reviewer')
        ).post('/api/supervision/recheck-draws', { regionCode: '410799', ratio: 0.5 })
      ).status,
    ).toBe(403);
    const bad = await approver.post('/api/supervision/recheck-draws', { regionCode: '410799', ratio: 1.5 });
    expect(bad.status).toBe(400);

    const res = await approver.post('/api/supervision/recheck-draws', { regionCode: '410799', ratio: 0.5 });
    expect(res.status).toBe(201);
    const draw = res.body;
    expect(draw.population).toEqual([confirmedId, ...others].sort());
    expect(draw.selected).toHaveLength(2);
    expect(draw.reproducible).toBe(true);
    expect(drawSample(draw.seed, draw.population, 0.5)).toEqual(draw.selected);
    expect(drawSample(`${draw.seed}x`, draw.population, 0.5)).toHaveLength(2);

    expect(draw.procedures.map((p: { caseId: string }) => p.caseId)).toEqual(draw.selected);
    const children = await t.query(
      `SELECT parent_case_id, kind FROM assistance_case WHERE id = ANY($1::uuid[]) ORDER BY parent_case_id`,
      [draw.procedures.map((p: { procedureCaseId: string }) => p.procedureCaseId)],
    );
    expect(children).toEqual(draw.selected.map((id: string) => ({ parent_case_id: id, kind: 'procedure' })));
    const [started] = await t.query<{ detail: { startData?: unknown } }>(
      `SELECT detail FROM audit_entry WHERE case_id = $1 AND action = 'case.start'`,
      [draw.procedures[0].procedureCaseId],
    );
    expect(started.detail.startData).toEqual({ trigger: 'random-check' });
    expect(await openTasks(t, draw.procedures[0].procedureCaseId)).not.toHaveLength(0);

    const list = await approver.get('/api/supervision/recheck-draws').expect(200);
    expect(list.body).toEqual([
      expect.objectContaining({ id: draw.id, seed: draw.seed, reproducible: true }),
    ]);
    await expect(
      t.db.transaction((em) => em.query(`UPDATE recheck_draw SET seed = 'x' WHERE id = $1`, [draw.id])),
    ).rejects.toThrow(/append-only/);
  });

  it('answers a real-name complaint in writing and serves the reply', async () => {
    const clerk = await t.as('clerk');
    const res = await clerk.post(`/api/cases/${confirmedId}/procedures`, {
      processKey: 'complaint',
      data: {
        complainantName: '李明',
        realName: true,
        contact: '13900000000',
        complaintContent: '反映该户有小轿车。',
      },
    });
    expect(res.status).toBe(201);
    const complaintId = res.body.id;
    const today = t.clock.today();
    const done = await drive(t, complaintId, {
      channel: ['phone'],
      receivedDate: today,
      category: ['fraud'],
      investigators: ['孙审批', '周核查'],
      findings: '经调取车辆登记信息并入户核查，该户名下无机动车辆。',
      substantiated: false,
      handling: '该户符合最低生活保障条件，继续保障。',
      serviceMethod: ['direct'],
      serviceDate: today,
      recipient: '李明',
      serviceAddress: '平安县城关镇东关村五组2号',
      servers: ['李窗口', '赵调查'],
    });
    expect(done).toEqual(['登记投诉举报', '调查核实', '送达投诉举报答复书']);
    const [row] = await t.query(`SELECT status, outcome, parent_case_id FROM assistance_case WHERE id = $1`, [
      complaintId,
    ]);
    expect(row).toEqual({ status: 'closed', outcome: 'replied', parent_case_id: confirmedId });
    const detail = await (await t.as('approver')).get(`/api/cases/${complaintId}`).expect(200);
    const reply = detail.body.documents.find(
      (d: { templateId: string }) => d.templateId === 'complaint-reply',
    );
    const text = pdfText((await t.download('approver', `/api/documents/${reply.id}/pdf`)).body);
    expect(text).toContain('李明：');
    expect(text).toContain('不属实');
    expect(text).toContain('三十日内');
    // The reported household's finances stay in the case file (暂行办法第六十一条).
    expect(text).not.toContain('名下无机动车辆');
    expect(text.replace(/\s+/g, '')).toContain('三十日内向平安县人民政府请求复查');
  });

  it('closes an anonymous report after the investigation with no reply to serve', async () => {
    const res = await (
      await t.as('reviewer')
    ).post(`/api/cases/${confirmedId}/procedures`, {
      processKey: 'complaint',
      data: { realName: false, complaintContent: '匿名反映该户有人在外务工收入较高。' },
    });
    expect(res.status).toBe(201);
    const today = t.clock.today();
    await drive(t, res.body.id, {
      channel: ['hotline'],
      receivedDate: today,
      category: ['fraud'],
      investigators: ['孙审批', '周核查'],
      findings: '经核查，其子收入已计入家庭收入。',
      substantiated: false,
      handling: '继续保障。',
    });
    const [row] = await t.query(`SELECT status, outcome FROM assistance_case WHERE id = $1`, [res.body.id]);
    expect(row).toEqual({ status: 'closed', outcome: 'anonymous-closed' });
    const docs = await t.query(`SELECT id FROM document WHERE case_id = $1`, [res.body.id]);
    expect(docs).toEqual([]);
  });
});
