import { WorkingCalendar, plusDays } from '@app/workflow';
import { TestApp } from './support/test-app';
import { APPLICATION, CONFIRM_PATH, apply, drive, freshFamily, openTasks } from './support/case-driver';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start({ documents: 'on-read' });
});
afterAll(async () => {
  await t?.stop();
});

const REFUSE = {
  ...CONFIRM_PATH,
  decision: ['refuse'],
  reasons: '申请人户籍不在本乡镇，不属于本机关受理范围。',
};

/** An application the applicant filed in the portal (so they can sign the 电子送达确认书). */
async function applyAsApplicant(): Promise<string> {
  const applicant = await t.as('applicant');
  const text = await applicant
    .post('/api/portal/authorization-text', {
      program: APPLICATION.program,
      regionCode: APPLICATION.regionCode,
      applicant: APPLICATION.applicant,
      members: APPLICATION.members,
    })
    .expect(200);
  const res = await applicant
    .post('/api/cases', {
      ...APPLICATION,
      authorization: { signerName: '王建国', accepted: true, textHash: text.body.textHash },
    })
    .expect(201);
  return res.body.id;
}

/** Drives a case to the open 送达 task of the 不予受理通知书 and returns that task. */
async function serveTaskOfRefusal(caseId: string) {
  await drive(t, caseId, REFUSE, /送达不予受理/);
  const [task] = (await openTasks(t, caseId)).filter((x: { name: string }) => /送达不予受理/.test(x.name));
  expect(task).toBeDefined();
  return task as { id: string; name: string };
}

function serve(taskId: string, data: Record<string, unknown>) {
  return t.as('clerk').then((clerk) =>
    clerk.post(`/api/tasks/${taskId}/complete`, {
      data: {
        serviceDate: t.clock.today(),
        recipient: '王建国',
        serviceAddress: '平安县城关镇东关村3组12号',
        servers: ['李窗口', '赵调查'],
        ...data,
      },
    }),
  );
}

describe('送达 records', () => {
  let caseId: string;
  let taskId: string;

  it('refuses 留置送达 without a witness, naming the field, and rolls the step back', async () => {
    caseId = await applyAsApplicant();
    taskId = (await serveTaskOfRefusal(caseId)).id;
    const res = await serve(taskId, { serviceMethod: 'left', evidence: '拒收过程录像 VID_0001' });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain('data.witnesses');
    expect(res.body.message).toMatch(/见证人/);
    expect(await t.query(`SELECT id FROM service_record WHERE case_id = $1`, [caseId])).toHaveLength(0);
    expect(
      await t.query(`SELECT id FROM document WHERE case_id = $1 AND template_id = 'service-receipt'`, [
        caseId,
      ]),
    ).toHaveLength(0);
    expect((await openTasks(t, caseId)).map((x: { id: string }) => x.id)).toContain(taskId);
  });

  it('refuses 邮寄送达 without a tracking number and a service date in the future', async () => {
    const post = await serve(taskId, { serviceMethod: 'post' });
    expect(post.status).toBe(400);
    expect(post.body.details.map((d: { field: string }) => d.field)).toContain('data.evidence');
    const future = await serve(taskId, {
      serviceMethod: 'direct',
      serviceDate: plusDays(t.clock.today(), 1),
    });
    expect(future.status).toBe(400);
    expect(future.body.details.map((d: { field: string }) => d.field)).toContain('data.serviceDate');
  });

  it('refuses 电子送达 while the recipient has not consented', async () => {
    const res = await serve(taskId, { serviceMethod: 'electronic' });
    expect(res.status).toBe(400);
    expect(res.body.details).toContainEqual({
      field: 'data.serviceMethod',
      message: expect.stringMatching(/电子送达确认书/),
    });
  });

  it('lets the applicant sign the 电子送达确认书 in the portal, with the text kept and hashed', async () => {
    const applicant = await t.as('applicant');
    const bad = await applicant.post(`/api/portal/cases/${caseId}/e-service-consent`, {
      address: '12',
      agree: true,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('address');
    const notAgreed = await applicant.post(`/api/portal/cases/${caseId}/e-service-consent`, {
      address: '13800000000',
      agree: false,
    });
    expect(notAgreed.status).toBe(400);
    expect(notAgreed.body.details[0].field).toBe('agree');
    const signed = await applicant
      .post(`/api/portal/cases/${caseId}/e-service-consent`, { address: '13800000000', agree: true })
      .expect(201);
    expect(signed.body).toMatchObject({ recipient: '王建国', address: '13800000000', channel: 'online' });
    const [row] = await t.query(`SELECT text, text_hash, recorded_by FROM service_consent WHERE id = $1`, [
      signed.body.id,
    ]);
    expect(row.text).toContain('同意');
    expect(row.text).toContain('13800000000');
    expect(row.text_hash).toMatch(/^[0-9a-f]{64}$/);
    // Someone else's case is not found for this applicant; staff cannot sign for the applicant.
    // Another household: the same applicant cannot have two open applications.
    const other = await apply(t, freshFamily(50));
    expect(
      (
        await applicant.post(`/api/portal/cases/${other}/e-service-consent`, {
          address: '13800000000',
          agree: true,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await (
          await t.as('clerk')
        ).post(`/api/portal/cases/${caseId}/e-service-consent`, { address: '13800000000', agree: true })
      ).status,
    ).toBe(403);
  });

  it('records 电子送达 once consented, and the case shows the remedy deadlines', async () => {
    await serve(taskId, { serviceMethod: 'electronic' }).then((r) => expect(r.status).toBe(200));
    const today = t.clock.today();
    const [record] = await t.query(
      `SELECT s.method, s.served_on::text AS served_on, s.deemed_served_on::text AS deemed, s.consent_id, s.remedy,
              d.template_id, r.template_id AS receipt_template
       FROM service_record s JOIN document d ON d.id = s.document_id JOIN document r ON r.id = s.receipt_document_id
       WHERE s.case_id = $1`,
      [caseId],
    );
    expect(record).toMatchObject({
      method: 'electronic',
      served_on: today,
      deemed: today,
      remedy: true,
      template_id: 'non-acceptance-notice',
      receipt_template: 'service-receipt',
    });
    expect(record.consent_id).toBeTruthy();

    const expected = {
      reconsiderationUntil: WorkingCalendar.PACKAGE.addCalendarDays(today, 60).date,
      litigationUntil: WorkingCalendar.PACKAGE.addMonths(today, 6).date,
    };
    expect(expected.reconsiderationUntil >= plusDays(today, 60)).toBe(true);
    const detail = await (await t.as('reviewer')).get(`/api/cases/${caseId}`).expect(200);
    expect(detail.body.service).toEqual([
      expect.objectContaining({
        method: 'electronic',
        servedOn: today,
        deemedServedOn: today,
        recipient: '王建国',
        document: expect.objectContaining({ title: expect.stringContaining('不予受理') }),
        remedy: expect.objectContaining(expected),
      }),
    ]);
    expect(detail.body.case.id).toBe(caseId); // the detail itself is unchanged

    const portal = await (await t.as('applicant')).get(`/api/portal/cases/${caseId}/service`).expect(200);
    expect(portal.body.service[0]).toMatchObject({
      methodName: '电子送达',
      remedy: expect.objectContaining(expected),
    });
    expect(portal.body.electronicConsent).toMatchObject({ address: '13800000000' });
  });

  it('keeps service records append-only', async () => {
    await expect(
      t.db.transaction((em) =>
        em.query(`UPDATE service_record SET recipient = 'x' WHERE case_id = $1`, [caseId]),
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      t.db.transaction((em) => em.query(`DELETE FROM service_consent WHERE case_id = $1`, [caseId])),
    ).rejects.toThrow(/append-only/);
  });
});

describe('公告送达 and paper consents', () => {
  it('counts a public notice as served 30 days after publication, and the remedy clock from then', async () => {
    const caseId = await apply(t);
    const task = await serveTaskOfRefusal(caseId);
    const today = t.clock.today();
    await serve(task.id, { serviceMethod: 'public', evidence: '公告张贴于城关镇政务公开栏' }).then((r) =>
      expect(r.status).toBe(200),
    );
    const detail = await (await t.as('clerk')).get(`/api/cases/${caseId}`).expect(200);
    const deemed = plusDays(today, 30);
    expect(detail.body.service).toHaveLength(1);
    expect(detail.body.service[0]).toMatchObject({
      method: 'public',
      servedOn: today,
      deemedServedOn: deemed,
    });
    expect(detail.body.service[0].remedy.reconsiderationUntil).toBe(
      WorkingCalendar.PACKAGE.addCalendarDays(deemed, 60).date,
    );
  });

  it('lets the window clerk record a paper consent; then 电子送达 to that recipient is allowed', async () => {
    const caseId = await apply(t);
    const task = await serveTaskOfRefusal(caseId);
    const reviewer = await t.as('reviewer');
    const body = { recipient: '刘秀英', address: 'liu@example.cn', signedOn: t.clock.today() };
    expect((await reviewer.post(`/api/cases/${caseId}/service-consents`, body)).status).toBe(403);
    const clerk = await t.as('clerk');
    const bad = await clerk.post(`/api/cases/${caseId}/service-consents`, {
      ...body,
      signedOn: '2099-01-01',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('signedOn');
    await clerk.post(`/api/cases/${caseId}/service-consents`, body).expect(201);
    // Consent of 刘秀英 does not allow electronic service to 王建国.
    expect((await serve(task.id, { serviceMethod: 'electronic' })).status).toBe(400);
    await serve(task.id, { serviceMethod: 'electronic', recipient: '刘秀英' }).then((r) =>
      expect(r.status).toBe(200),
    );
    const detail = await clerk.get(`/api/cases/${caseId}`).expect(200);
    expect(detail.body.serviceConsents).toEqual([
      expect.objectContaining({ recipient: '刘秀英', channel: 'paper' }),
    ]);
    expect(detail.body.service[0]).toMatchObject({ method: 'electronic', recipient: '刘秀英' });
  });
});
