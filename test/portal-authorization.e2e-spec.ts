import { TestApp, pdfText } from './support/test-app';
import { APPLICATION, CONFIRM_PATH, apply, drive, freshFamily, openTasks } from './support/case-driver';
import { tinyPdf } from './support/sample-files';

/**
 * Issue 18: every adult member signs the 核对授权书 (on the applicant's phone one after another, or
 * on paper at the window); the 核对 waits until all have; the issued 授权书 prints each signer and
 * date. And the server, not only the form, holds a step to its model's `sa:requires`.
 */
let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start({ documents: 'on-read' });
});
afterAll(async () => {
  await t?.stop();
});

const [husband, wife, son] = APPLICATION.members;

async function appliedOnline(): Promise<string> {
  const applicant = await t.as('applicant');
  const { program, regionCode, applicant: person, members } = APPLICATION;
  const text = await applicant
    .post('/api/portal/authorization-text', { program, regionCode, applicant: person, members })
    .expect(200);
  const res = await applicant
    .post('/api/cases', {
      ...APPLICATION,
      authorization: { signerName: person.name, accepted: true, textHash: text.body.textHash },
    })
    .expect(201);
  return res.body.id;
}

async function taskNamed(caseId: string, name: RegExp) {
  const task = (await openTasks(t, caseId)).find((x: { name: string }) => name.test(x.name));
  if (!task) throw new Error(`no open task ${name}`);
  return task as { id: string; name: string; form: { id: string }[] };
}

async function pdfOf(documentId: string): Promise<Buffer> {
  const res = await (
    await t.as('clerk')
  )
    .get(`/api/documents/${documentId}/pdf`)
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
  expect(res.status).toBe(200);
  return res.body as Buffer;
}

describe('every adult member signs the 核对授权书', () => {
  let caseId: string;

  it('holds the 核对 until every adult has signed, naming who is missing', async () => {
    caseId = await appliedOnline();
    await drive(t, caseId, CONFIRM_PATH, /信息核对/);
    const check = await taskNamed(caseId, /信息核对/);
    const investigator = await t.as('investigator');
    const facts = (await investigator.get(`/api/tasks/${check.id}`).expect(200)).body;
    expect(facts.prerequisites).toEqual([
      expect.objectContaining({
        key: 'authorization',
        met: false,
        message: expect.stringContaining(wife.name),
      }),
    ]);
    const refused = await investigator
      .post(`/api/tasks/${check.id}/complete`, { data: { verificationResult: 'eligible' } })
      .expect(409);
    expect(refused.body.code).toBe('PREREQUISITE_UNMET');
    expect(refused.body.message).toContain('家庭经济状况核对授权书');
    expect(refused.body.message).toContain(wife.name);
    // The applicant signed with the application; the son is 15: neither is missing.
    expect(refused.body.message).not.toContain(husband.name);
    expect(refused.body.message).not.toContain(son.name);
  });

  it('lets the members sign on the applicant phone one after another, each with their own name', async () => {
    const applicant = await t.as('applicant');
    const sheet = (await applicant.get(`/api/portal/cases/${caseId}/authorization`).expect(200)).body;
    expect(sheet.missing).toEqual([wife.name]);
    expect(sheet.members.map((m: { adult: boolean }) => m.adult)).toEqual([true, true, false]);
    expect(sheet.members[0].signedAt).not.toBeNull();
    expect(sheet.members[0].idNumberMasked).not.toBe(husband.idNumber);
    const sign = (body: object) =>
      applicant.post(`/api/portal/cases/${caseId}/authorization-signatures`, body);
    const wrongName = await sign({
      memberIndex: 1,
      signerName: husband.name,
      accepted: true,
      textHash: sheet.text.textHash,
    }).expect(400);
    expect(wrongName.body.details[0]).toEqual({
      field: 'signerName',
      message: expect.stringContaining(`“${wife.name}”`),
    });
    const signed = (
      await sign({
        memberIndex: 1,
        signerName: wife.name,
        accepted: true,
        textHash: sheet.text.textHash,
      }).expect(200)
    ).body;
    expect(signed.missing).toEqual([]);
    expect(signed.members[1]).toEqual(
      expect.objectContaining({ method: 'online', signedAt: expect.any(String) }),
    );
    const again = await sign({
      memberIndex: 1,
      signerName: wife.name,
      accepted: true,
      textHash: sheet.text.textHash,
    }).expect(409);
    expect(again.body.message).toContain(wife.name);
    // Another household's case is not theirs to sign.
    const other = await apply(t, freshFamily(40));
    await applicant
      .post(`/api/portal/cases/${other}/authorization-signatures`, {
        memberIndex: 0,
        signerName: husband.name,
        accepted: true,
        textHash: sheet.text.textHash,
      })
      .expect(404);
  });

  it('issues the 授权书 again listing each signer with the date, then lets the 核对 go on', async () => {
    await t.documentsSettled();
    const docs = await t.query<{ id: string; data: { household: { members: { signature?: string }[] } } }>(
      `SELECT id, data FROM document WHERE case_id = $1 AND template_id = 'verification-authorization'
       ORDER BY seq DESC`,
      [caseId],
    );
    expect(docs.length).toBe(2);
    const [y, m, d] = t.clock.today().split('-').map(Number);
    const date = `${y}年${m}月${d}日`;
    expect(docs[0].data.household.members.map((x) => x.signature ?? null)).toEqual([
      `${husband.name} ${date}（网上签署）`,
      `${wife.name} ${date}（网上签署）`,
      null,
    ]);
    const pdf = await pdfOf(docs[0].id);
    const text = pdfText(pdf);
    expect(text).toContain(`${husband.name}${date}（网上签署）`);
    expect(text).toContain(`${wife.name}${date}（网上签署）`);

    const done = await drive(t, caseId, CONFIRM_PATH, /入户调查/);
    expect(done.some((n) => /信息核对/.test(n))).toBe(true);
  });

  it('records a paper signature at the window only with its scan', async () => {
    const family = freshFamily(41);
    const id = await apply(t, family);
    const clerk = await t.as('clerk');
    const noScan = await clerk
      .post(`/api/cases/${id}/authorization-signatures`, {
        memberIndex: 0,
        attachmentId: '00000000-0000-4000-8000-000000000000',
        identityChecked: true,
      })
      .expect(400);
    expect(noScan.body.details[0].field).toBe('attachmentId');
    const scan = await t.http
      .post(`/api/cases/${id}/attachments`)
      .query({ kind: 'scan', fileName: '授权书签字.pdf' })
      .set('Authorization', `Bearer ${await t.token('clerk')}`)
      .set('Content-Type', 'application/pdf')
      .send(tinyPdf('signed'))
      .expect(201);
    // Not without the signer's ID card checked: the paper names a member, the card proves who signed.
    const unchecked = await clerk
      .post(`/api/cases/${id}/authorization-signatures`, { memberIndex: 0, attachmentId: scan.body.id })
      .expect(400);
    expect(unchecked.body.details).toEqual([
      expect.objectContaining({ field: 'identityChecked', message: '请先核对签署人本人的身份证件' }),
    ]);
    const first = (
      await clerk
        .post(`/api/cases/${id}/authorization-signatures`, {
          memberIndex: 0,
          attachmentId: scan.body.id,
          identityChecked: true,
        })
        .expect(200)
    ).body;
    expect(first.missing).toEqual([family.members[1].name]);
    // A minor does not sign in person (the guardian does, on the same sheet).
    expect(first.members[2].adult).toBe(false);
    const last = (
      await clerk
        .post(`/api/cases/${id}/authorization-signatures`, {
          memberIndex: 1,
          attachmentId: scan.body.id,
          identityChecked: true,
        })
        .expect(200)
    ).body;
    expect(last.missing).toEqual([]);
    // The window's view of the same sheet: both adults signed there, the minor does not sign.
    const sheet = (await clerk.get(`/api/cases/${id}/authorization-signatures`).expect(200)).body;
    expect(sheet.members.map((m: { method: string | null }) => m.method)).toEqual(['window', 'window', null]);
    expect(last.members[1].method).toBe('window');
    const [row] = await t.query<{ data: { household: { members: { signature?: string }[] } } }>(
      `SELECT data FROM document WHERE case_id = $1 AND template_id = 'verification-authorization'
       ORDER BY seq DESC LIMIT 1`,
      [id],
    );
    expect(row.data.household.members[1].signature).toContain('窗口纸质签署');
    // Staff of another township may not record signatures on this case.
    await (
      await t.as('hexi_staff')
    )
      .post(`/api/cases/${id}/authorization-signatures`, {
        memberIndex: 2,
        attachmentId: scan.body.id,
        identityChecked: true,
      })
      .expect(403);
  });
});

describe('the server holds a step to its model’s sa:requires', () => {
  it('refuses 邻里访问 before the economics are saved, naming the step that comes first', async () => {
    const id = await apply(t, freshFamily(42));
    await drive(t, id, CONFIRM_PATH, /邻里访问/);
    const [kase] = await t.query<{ economics: unknown }>(
      `SELECT economics FROM assistance_case WHERE id = $1`,
      [id],
    );
    expect(kase.economics).toBeNull();
    const visit = await taskNamed(id, /邻里访问/);
    const refused = await (
      await t.as('investigator')
    )
      .post(`/api/tasks/${visit.id}/complete`, {
        data: { neighbourVisit: '走访邻居三户，情况属实。', evidenceRequest: false },
      })
      .expect(409);
    expect(refused.body.code).toBe('PREREQUISITE_UNMET');
    expect(refused.body.message).toContain('“邻里访问”');
    expect(refused.body.message).toContain('经济状况测算');
    const [open] = await t.query<{ status: string }>(`SELECT status FROM task WHERE id = $1`, [visit.id]);
    expect(open.status).toBe('open');
  });
});

describe("each program's 授权书 names that program and cites its instrument (issue 17 L7)", () => {
  async function textFor(program: string) {
    const { regionCode, applicant: person, members } = APPLICATION;
    const res = await (
      await t.as('applicant')
    )
      .post('/api/portal/authorization-text', { program, regionCode, applicant: person, members })
      .expect(200);
    return res.body as { templateId: string; title: string; markup: string };
  }

  it('a 特困 applicant reads the 特困 授权书, not the 低保 one', async () => {
    const text = await textFor('tekun');
    expect(text.templateId).toBe('tekun-authorization');
    expect(text.markup).toContain('特困人员');
    expect(text.markup).toContain('《特困人员认定办法》第十条');
    expect(text.markup).not.toContain('最低生活保障');
  });

  it('a 低收入 applicant reads the 低收入 授权书 citing the province’s 认定办法', async () => {
    const text = await textFor('dibian');
    expect(text.templateId).toBe('low-income-authorization');
    expect(text.markup).toContain('因申请低收入人口认定');
    expect(text.markup).toContain('《平安省低收入人口认定办法》（平民规〔2025〕3号）第五条、第六条');
    expect(text.markup).not.toContain('【待设置');
    expect(text.markup).not.toContain('《最低生活保障审核确认办法》第九条');
  });

  it('a 临时救助 applicant reads the 临时救助 授权书', async () => {
    const text = await textFor('linshi');
    expect(text.templateId).toBe('linshi-authorization');
    expect(text.markup).toContain('临时救助');
    expect(text.markup).not.toContain('最低生活保障');
  });
});
