import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestApp } from './support/test-app';
import { APPLICATION, CONFIRM_PATH, apply, drive, freshFamily } from './support/case-driver';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start({ documents: 'on-read' });
});
afterAll(async () => {
  await t?.stop();
});

const DRAFT = {
  program: APPLICATION.program,
  regionCode: APPLICATION.regionCode,
  applicant: APPLICATION.applicant,
  members: APPLICATION.members,
};

/** Reads the 核对授权书 for the draft as the applicant and signs it with their name. */
async function signedApplication(overrides: Record<string, unknown> = {}) {
  const applicant = await t.as('applicant');
  const text = await applicant.post('/api/portal/authorization-text', DRAFT).expect(200);
  return {
    text: text.body,
    body: {
      ...APPLICATION,
      authorization: { signerName: '王建国', accepted: true, textHash: text.body.textHash },
      ...overrides,
    },
  };
}

/**
 * A new application by the applicant, signed in the portal. One open application per account and
 * program: the earlier ones are refused (with `refuse`) and served first.
 */
async function freshApplication(refuse: Record<string, unknown>) {
  const applicant = await t.as('applicant');
  const mine = (await applicant.get('/api/portal/cases').expect(200)).body as {
    id: string;
    status: string;
  }[];
  for (const open of mine.filter((c) => c.status === 'in_progress')) await drive(t, open.id, refuse);
  const { body } = await signedApplication();
  const caseId = (await applicant.post('/api/cases', body).expect(201)).body.id as string;
  return { applicant, caseId };
}

describe('regions for pickers', () => {
  it('lists the county, its townships and their villages to any signed-in user', async () => {
    const applicant = await t.as('applicant');
    expect((await applicant.get('/api/regions').expect(200)).body).toEqual([
      { code: '410799', name: '平安县', level: 'county', leaf: false },
    ]);
    const towns = (await applicant.get('/api/regions?parent=410799').expect(200)).body;
    expect(towns.map((r: { name: string }) => r.name)).toEqual(['城关镇', '河西镇']);
    const villages = (await applicant.get('/api/regions?parent=410799100').expect(200)).body;
    expect(villages).toContainEqual({
      code: '410799100201',
      name: '东关村',
      level: 'village',
      leaf: true,
    });
    expect(villages.every((v: { code: string }) => v.code.startsWith('410799100'))).toBe(true);

    const bad = await applicant.get('/api/regions?parent=41').expect(400);
    expect(bad.body.details[0].field).toBe('parent');
    await t.http.get('/api/regions').expect(401);
  });
});

describe('online application with the signed 核对授权书', () => {
  it('gives the applicant the authorization text of their household to read', async () => {
    const { text } = await signedApplication();
    expect(text.title).toBe('家庭经济状况核对授权书');
    expect(text.textHash).toMatch(/^[0-9a-f]{64}$/);
    expect(text.markup).toContain('平安县民政局');
    expect(text.markup).toContain('刘秀英');
    expect(text.markup).not.toContain('41079919830611002X');
    // Another household is another text, so a signature cannot be carried over.
    const other = await (
      await t.as('applicant')
    )
      .post('/api/portal/authorization-text', { ...DRAFT, members: DRAFT.members.slice(0, 1) })
      .expect(200);
    expect(other.body.textHash).not.toBe(text.textHash);
  });

  it('refuses an applicant application without a signature, or signed with another name', async () => {
    const applicant = await t.as('applicant');
    const unsigned = await applicant.post('/api/cases', APPLICATION).expect(400);
    expect(unsigned.body.details).toContainEqual({
      field: 'authorization',
      message: '请阅读并签署家庭经济状况核对授权书',
    });

    const { body } = await signedApplication();
    const wrongName = await applicant
      .post('/api/cases', { ...body, authorization: { ...body.authorization, signerName: '王建' } })
      .expect(400);
    expect(wrongName.body.details[0].field).toBe('authorization.signerName');
    expect(wrongName.body.details[0].message).toContain('王建国');

    const notAccepted = await applicant
      .post('/api/cases', { ...body, authorization: { ...body.authorization, accepted: false } })
      .expect(400);
    expect(notAccepted.body.details[0].field).toBe('authorization.accepted');

    // Signed for a different household than the one applied for.
    const staleText = await applicant
      .post('/api/cases', { ...body, members: [...APPLICATION.members.slice(0, 2)] })
      .expect(400);
    expect(staleText.body.details[0].field).toBe('authorization.textHash');

    const badId = await applicant
      .post('/api/cases', {
        ...body,
        members: [APPLICATION.members[0], { ...APPLICATION.members[1], idNumber: '410799198306110021' }],
      })
      .expect(400);
    expect(badId.body.details[0].field).toBe('members[1].idNumber');

    expect(await t.query(`SELECT id FROM assistance_case`)).toHaveLength(0);
    expect(await t.query(`SELECT id FROM authorization_signature`)).toHaveLength(0);
  });

  it('records the signature with the text read, in the application transaction, audited', async () => {
    const { body, text } = await signedApplication();
    const applicant = await t.as('applicant');
    const created = await applicant.post('/api/cases', body).set('User-Agent', 'portal-test/1.0').expect(201);
    const [row] = await t.query(
      `SELECT signer_name, signer_id_number, text_hash, text, template_id, template_version, user_agent, ip, signed_at
       FROM authorization_signature WHERE case_id = $1`,
      [created.body.id],
    );
    expect(row).toMatchObject({
      signer_name: '王建国',
      signer_id_number: APPLICATION.applicant.idNumber,
      text_hash: text.textHash,
      text: text.markup,
      template_id: 'verification-authorization',
      template_version: text.templateVersion,
      user_agent: 'portal-test/1.0',
    });
    expect(row.ip).toBeTruthy();
    const audit = await t.query(`SELECT action, detail FROM audit_entry WHERE case_id = $1 ORDER BY id`, [
      created.body.id,
    ]);
    expect(audit.map((a) => a.action)).toContain('authorization.sign');
    await expect(
      t.db.transaction((em) => em.query(`UPDATE authorization_signature SET signer_name = 'x'`)),
    ).rejects.toThrow(/append-only/);
  });
});

describe('我的申请', () => {
  it('lists only the applicant’s own cases and shows each in plain words', async () => {
    // Another household, registered by the clerk.
    const clerksCase = await apply(t, freshFamily(1));
    const applicant = await t.as('applicant');
    const list = (await applicant.get('/api/portal/cases').expect(200)).body;
    expect(list).toHaveLength(1);
    expect(list.map((c: { id: string }) => c.id)).not.toContain(clerksCase);
    const [mine] = list;
    expect(mine).toMatchObject({
      programName: '最低生活保障',
      status: 'in_progress',
      statusText: '办理中',
      outcome: null,
      applicationDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      currentSteps: [{ name: '受理申请', dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }],
    });

    const view = (await applicant.get(`/api/portal/cases/${mine.id}`).expect(200)).body;
    expect(view.steps[0]).toMatchObject({ title: '提交申请', status: 'done' });
    expect(view.steps.at(-1)).toMatchObject({ title: '受理申请', status: 'current' });
    expect(view.plainStatus).toContain('受理申请');
    expect(view.documents.map((d: { templateId: string }) => d.templateId)).toEqual([
      'dibao-application-form',
      'family-declaration',
      'verification-authorization',
    ]);
    expect(view.authorization).toMatchObject({
      signerName: '王建国',
      signerIdNumberMasked: '410799********0012',
    });
    expect(view.case.household[1]).toEqual({
      name: '刘秀英',
      relation: '配偶',
      idNumberMasked: '410799********002X',
    });
    expect(JSON.stringify(view)).not.toContain('41079919830611002X');
    expect(view).not.toHaveProperty('timeline');

    await applicant.get(`/api/portal/cases/${clerksCase}`).expect(404);
    await (await t.as('clerk')).get('/api/portal/cases').expect(403);
  });

  it('keeps applicants out of the staff case views (audit trail, form data, other villagers)', async () => {
    const applicant = await t.as('applicant');
    const [mine] = (await applicant.get('/api/portal/cases').expect(200)).body;
    const detail = await applicant.get(`/api/cases/${mine.id}`).expect(403);
    expect(detail.body.message).toContain('我的申请');
    await applicant.get('/api/cases').expect(403);
    await (await t.as('clerk')).get(`/api/cases/${mine.id}`).expect(200);
  });
});

describe('decisions reach the applicant in the portal only as 送达 (issue 17)', () => {
  const REFUSE = { ...CONFIRM_PATH, decision: ['refuse'], reasons: '申请人户籍不在本乡镇' };

  /** An application by the applicant, refused at acceptance, the 不予受理通知书 issued but not served. */
  async function refusedUnserved() {
    const { applicant, caseId } = await freshApplication(REFUSE);
    await drive(t, caseId, REFUSE, /^送达不予受理通知书$/);
    const [notice] = await t.query<{ id: string }>(
      `SELECT id FROM document WHERE case_id = $1 AND template_id = 'non-acceptance-notice'`,
      [caseId],
    );
    return { applicant, caseId, noticeId: notice.id };
  }
  const listed = async (applicant: Awaited<ReturnType<TestApp['as']>>, caseId: string) =>
    (await applicant.get(`/api/portal/cases/${caseId}`).expect(200)).body.documents as {
      id: string;
      servedOnDownload: boolean;
    }[];
  const servicesOf = (documentId: string) =>
    t.query(
      `SELECT method, receipt_document_id, consent_id, served_on::text AS served_on, evidence
       FROM service_record WHERE document_id = $1`,
      [documentId],
    );

  it('without consent, hides an unserved decision until the organ serves it', async () => {
    const { applicant, caseId, noticeId } = await refusedUnserved();
    expect((await listed(applicant, caseId)).map((d) => d.id)).not.toContain(noticeId);
    const refused = await applicant.get(`/api/documents/${noticeId}/pdf`).expect(404);
    expect(refused.body.message).toContain('尚未送达');
    // Nor its summary: the title alone tells 受理 from 不予受理, and the number leads to the verify page.
    const summary = await applicant.get(`/api/documents/${noticeId}`).expect(404);
    expect(JSON.stringify(summary.body)).not.toMatch(/不予受理|verifyCode/);
    expect(await servicesOf(noticeId)).toHaveLength(0);

    await drive(t, caseId, REFUSE);
    expect((await listed(applicant, caseId)).find((d) => d.id === noticeId)).toMatchObject({
      servedOnDownload: false,
    });
    await applicant.get(`/api/documents/${noticeId}`).expect(200);
    await applicant.get(`/api/documents/${noticeId}/pdf`).expect(200);
    expect((await servicesOf(noticeId)).map((s) => s.method)).toEqual(['direct']);
  });

  it('with consent on file, serves the decision electronically when the applicant downloads it', async () => {
    const { applicant, caseId, noticeId } = await refusedUnserved();
    await applicant
      .post(`/api/portal/cases/${caseId}/e-service-consent`, { address: '13800000000', agree: true })
      .expect(201);
    expect((await listed(applicant, caseId)).find((d) => d.id === noticeId)).toMatchObject({
      servedOnDownload: true,
    });
    await applicant.get(`/api/documents/${noticeId}/pdf`).expect(200);
    const [service] = await servicesOf(noticeId);
    expect(service).toMatchObject({
      method: 'electronic',
      receipt_document_id: null,
      consent_id: expect.any(String),
      served_on: t.clock.today(),
    });
    expect(service.evidence).toContain('在“我的申请”中下载本文书（电子送达）');
    // Served once: the next download is a copy, not a second service.
    expect((await listed(applicant, caseId)).find((d) => d.id === noticeId)!.servedOnDownload).toBe(false);
    await applicant.get(`/api/documents/${noticeId}/pdf`).expect(200);
    expect(await servicesOf(noticeId)).toHaveLength(1);
  });

  it('records no 电子送达 when the decision has no PDF to hand over (render or archive failed)', async () => {
    const { applicant, caseId } = await freshApplication(REFUSE);
    await applicant
      .post(`/api/portal/cases/${caseId}/e-service-consent`, { address: '13800000000', agree: true })
      .expect(201);
    // The archive cannot take the notice (a full or missing disk): it stays pending, its render failed.
    const archive = path.join(t.dataDir, 'archive');
    fs.renameSync(archive, `${archive}.away`);
    fs.writeFileSync(archive, '');
    let noticeId = '';
    try {
      await drive(t, caseId, REFUSE, /^送达不予受理通知书$/);
      [{ id: noticeId }] = await t.query<{ id: string }>(
        `SELECT id FROM document WHERE case_id = $1 AND template_id = 'non-acceptance-notice'`,
        [caseId],
      );
      const refused = await applicant.get(`/api/documents/${noticeId}/pdf`).expect(409);
      expect(refused.body.message).toContain('正在生成');
      expect(await servicesOf(noticeId)).toHaveLength(0);
    } finally {
      fs.rmSync(archive);
      fs.renameSync(`${archive}.away`, archive);
    }
    // Once the archive is back the download hands the bytes over, and that is the service.
    await applicant.get(`/api/documents/${noticeId}/pdf`).expect(200);
    expect((await servicesOf(noticeId)).map((s) => s.method)).toEqual(['electronic']);
  });
});

describe('a procedure on the applicant’s household reaches the portal once served (issue 17)', () => {
  const REFUSE = { ...CONFIRM_PATH, decision: ['refuse'], reasons: '申请人户籍不在本乡镇' };
  const DECREASE = {
    investigators: ['赵调查', '冯协理'],
    findings: '入户核查：王建国在县城务工，月工资约2000元。',
    householdMonthlyIncome: '2000',
    facts: '经入户核查，王建国自2026年10月起在县城务工，家庭月人均收入增加。',
    reasons: '家庭月人均收入增加',
    proposal: ['decrease'],
    reviewDecision: ['decrease'],
    newAmount: '300',
    serviceMethod: ['direct'],
    serviceAddress: '平安县城关镇东关村3组12号',
    recipient: '王建国',
    servers: ['李窗口'],
  };

  it('lists the served 减发决定书 of a periodic review, lets him download it, and shows the benefit as decreased', async () => {
    const fresh = await freshApplication(REFUSE);
    let applicant = fresh.applicant;
    const caseId = fresh.caseId;
    await drive(t, caseId, CONFIRM_PATH);
    await t.advanceDays(8);
    await drive(t, caseId, { ...CONFIRM_PATH, serviceDate: t.clock.today() });
    // A week on, the morning's sign-in has expired.
    applicant = await t.as('applicant');
    const confirmed = (await applicant.get(`/api/portal/cases/${caseId}`).expect(200)).body;
    expect(confirmed.case.statusText).toBe('已审核确认');
    expect(confirmed.plainStatus).toBe('您的申请已办结：已审核确认，纳入最低生活保障。');

    const started = await (
      await t.as('reviewer')
    ).post(`/api/cases/${caseId}/procedures`, {
      processKey: 'dibao-review',
      data: { trigger: 'change-report', reportedChange: '王建国在县城务工，收入增加' },
    });
    expect(started.status).toBe(201);
    const reviewId = started.body.id as string;
    const today = { visitDate: t.clock.today(), serviceDate: t.clock.today() };
    await drive(t, reviewId, { ...DECREASE, ...today }, /^送达减发决定书$/);
    const [decision] = await t.query<{ id: string }>(
      `SELECT id FROM document WHERE case_id = $1 AND template_id = 'benefit-decrease-decision'`,
      [reviewId],
    );
    // Not served yet: not his to see.
    const before = (await applicant.get('/api/portal/cases').expect(200)).body as { id: string }[];
    expect(before.map((c) => c.id)).not.toContain(reviewId);
    await applicant.get(`/api/documents/${decision.id}/pdf`).expect(404);

    await drive(t, reviewId, { ...DECREASE, ...today });
    const after = (await applicant.get('/api/portal/cases').expect(200)).body as {
      id: string;
      statusText: string;
      outcomeText: string | null;
    }[];
    expect(after.find((c) => c.id === reviewId)).toMatchObject({
      statusText: '已减发',
      outcomeText: '经核查，减发最低生活保障金',
    });
    expect(after.find((c) => c.id === caseId)).toMatchObject({
      statusText: '已减发',
      benefitAmountFen: 30000,
    });
    const review = (await applicant.get(`/api/portal/cases/${reviewId}`).expect(200)).body;
    // What was served on him, not the staff's 核查 records or the 送达回证.
    expect(review.documents.map((d: { templateId: string }) => d.templateId)).toEqual([
      'benefit-decrease-decision',
    ]);
    const pdf = await t.download('applicant', `/api/documents/${decision.id}/pdf`);
    expect(pdf.status).toBe(200);
    const root = (await applicant.get(`/api/portal/cases/${caseId}`).expect(200)).body;
    expect(root.plainStatus).toMatch(
      /^您的申请已办结：已审核确认，纳入最低生活保障；已减发：自\d{4}年\d{1,2}月起每月300\.00元。$/,
    );
  }, 600_000); // an application confirmed and a review through to 送达: slow only on a loaded machine
});
