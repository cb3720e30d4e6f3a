import * as fs from 'node:fs';
import * as path from 'node:path';
import { BlobStore, verifyLedger } from '@app/archive';
import { BLOB_STORE, DocumentPipeline } from '@app/issuance';
import { DocumentEntity } from '@app/persistence';
import { TestApp, pdfText, pdfsig } from './support/test-app';
import { APPLICATION, CONFIRM_PATH, apply, drive, openTasks } from './support/case-driver';
import { concurrentIssuanceNumbers } from './proofs/concurrent-numbering';
import { investigatedHousehold } from '../apps/api/src/demo/drive';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => {
  await t?.stop();
});

async function documentsOf(caseId: string) {
  const res = await (await t.as('approver')).get(`/api/cases/${caseId}`).expect(200);
  return res.body.documents as {
    id: string;
    templateId: string;
    number: string | null;
    verifyCode: string;
    status: string;
    issuedAt: string;
  }[];
}

/** The year in a document's 文号: the year it was issued in, Beijing time (the test clock is the real one). */
const yearOf = (doc: { issuedAt: string }) =>
  new Date(Date.parse(doc.issuedAt) + 8 * 3_600_000).getUTCFullYear();

async function pdfOf(documentId: string): Promise<Buffer> {
  const res = await t.download('approver', `/api/documents/${documentId}/pdf`);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  return res.body;
}

/** Runs a case through 公示: drives to the timer, lets 7 days pass, fires it. */
async function throughPublicNotice(caseId: string, answers = CONFIRM_PATH) {
  await drive(t, caseId, answers);
  const pending = await t.query(
    `SELECT element_id, due_at FROM timer WHERE status = 'pending'
    AND instance_id = (SELECT process_instance_id FROM assistance_case WHERE id = $1)`,
    [caseId],
  );
  expect(pending).toHaveLength(1);
  expect(await t.advanceDays(8)).toBeGreaterThanOrEqual(1);
}

describe('低保 application, confirmed', () => {
  let caseId: string;

  it('walks from application to the served confirmation', async () => {
    caseId = await apply(t);
    await throughPublicNotice(caseId);
    await drive(t, caseId, CONFIRM_PATH);
    const [row] = await t.query(
      `SELECT status, outcome, benefit_amount_fen, benefit_start_month FROM assistance_case WHERE id = $1`,
      [caseId],
    );
    expect(row).toEqual({
      status: 'closed',
      outcome: 'confirmed',
      benefit_amount_fen: 56200,
      benefit_start_month: expect.stringMatching(/^\d{4}-\d{2}$/),
    });
    const [instance] = await t.query(
      `SELECT status, outcome FROM process_instance WHERE id = (SELECT process_instance_id FROM assistance_case WHERE id = $1)`,
      [caseId],
    );
    expect(instance).toEqual({ status: 'completed', outcome: 'confirmed' });
    expect(await openTasks(t, caseId)).toHaveLength(0);
    const taskNames = (
      await t.query(
        `SELECT t.name FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id WHERE c.id = $1`,
        [caseId],
      )
    ).map((r) => r.name);
    expect(taskNames).toContain('县级审核确认');
    expect(taskNames).not.toContain('县级入户核查');
  });

  it('issued, numbered, signed and archived every document of the path', async () => {
    const docs = await documentsOf(caseId);
    // Documents of one step share their issue time, so only the set is compared here.
    expect(docs.map((d) => d.templateId).sort()).toEqual(
      [
        'dibao-application-form',
        'family-declaration',
        'verification-authorization',
        // Issued again once every adult member has signed, with each signer and date.
        'verification-authorization',
        'acceptance-notice',
        'verification-request-letter',
        'home-visit-record',
        'neighbour-visit-record',
        'first-instance-opinion',
        'public-notice',
        'county-review-form',
        'confirmation-notice',
        'service-receipt',
      ].sort(),
    );
    // The 审核确认表 and the 确认通知书 come from the county's one step, so their order is not compared.
    const last = docs.map((d) => d.templateId).slice(-4);
    expect([last[0], last[3]]).toEqual(['public-notice', 'service-receipt']);
    expect(last.slice(1, 3).sort()).toEqual(['confirmation-notice', 'county-review-form']);
    expect(docs.every((d) => d.status === 'archived')).toBe(true);
    const ledger = await t.query(`SELECT document_id, pdf_sha256 FROM archive_ledger ORDER BY seq`);
    expect(ledger.filter((l) => docs.some((d) => d.id === l.document_id))).toHaveLength(docs.length);

    const confirmation = docs.find((d) => d.templateId === 'confirmation-notice')!;
    expect(confirmation.number).toBe(`平民低确〔${yearOf(confirmation)}〕1号`);
    const pdf = await pdfOf(confirmation.id);
    const text = pdfText(pdf);
    expect(text).toContain('王建国');
    expect(text).toContain(`平民低确〔${yearOf(confirmation)}〕1号`);
    expect(text).toContain('562.00');
    expect(text).toContain('六十日内向平安县人民政府申请行政复议');
    // Issue 17 L5: the facts, the income against the standard and the basis the approver entered.
    expect(text).toContain('家庭月人均收入462.67元，低于当地农村低保标准650元');
    expect(text).toContain(
      '《社会救助暂行办法》第九条、第十一条、第十二条，《最低生活保障审核确认办法》第十二条至第十四条、第二十一条、第二十三条',
    );
    expect(text).toContain('自收到本通知书之日起六十日内');
    expect(text).not.toContain('本决定书');
    // One start month in the whole notice: its 计算明细 (assessed earlier) does not name another.
    const months = [...text.matchAll(/自(\d{4})(?:年|-)(\d{1,2})月?起/g)].map(
      (m) => `${m[1]}-${m[2].padStart(2, '0')}`,
    );
    expect(months.length).toBeGreaterThan(0);
    expect(new Set(months).size).toBe(1);
    expect(pdfsig(pdf)).toContain('Signature is Valid.');
  });

  it('has each organ sign with its own certificate, named as on its seal (issue 17 L14)', async () => {
    const docs = await documentsOf(caseId);
    const signerOf = async (templateId: string) => {
      const doc = docs.find((d) => d.templateId === templateId)!;
      const [{ issuer }] = await t.query(
        `SELECT data->'issuer'->>'name' AS issuer FROM document WHERE id = $1`,
        [doc.id],
      );
      const report = pdfsig(await pdfOf(doc.id));
      expect(report).toContain('Signature is Valid.');
      return { issuer, signer: /Signer Certificate Common Name: (.*)/.exec(report)?.[1] };
    };
    const township = await signerOf('acceptance-notice');
    const county = await signerOf('confirmation-notice');
    expect(township).toEqual({ issuer: '平安县城关镇人民政府', signer: '平安县城关镇人民政府' });
    expect(county).toEqual({ issuer: '平安县民政局', signer: '平安县民政局' });
  });

  it('lets anyone verify a document by its code, and tells a forged code apart', async () => {
    const docs = (await documentsOf(caseId)).filter((d) => d.templateId === 'confirmation-notice');
    const res = await t.http.get(`/api/verify/${docs[0].verifyCode}`).expect(200);
    expect(res.body).toMatchObject({
      genuine: true,
      number: `平民低确〔${yearOf(docs[0])}〕1号`,
      issuer: '平安县民政局',
    });
    const missing = await t.http.get(`/api/verify/0000000000000000`).expect(404);
    expect(missing.body.message).toContain('未找到');
    const bad = await t.http.get(`/api/verify/not-a-code`).expect(400);
    expect(bad.body.details[0].field).toBe('code');

    const original = await pdfOf(docs[0].id);
    const upload = (bytes: Buffer) =>
      t.http.post(`/api/verify/${docs[0].verifyCode}`).set('Content-Type', 'application/pdf').send(bytes);
    expect((await upload(original).expect(200)).body).toMatchObject({ genuine: true, matchesArchive: true });
    const altered = Buffer.from(original);
    altered[altered.length - 100] ^= 0x20;
    expect((await upload(altered).expect(200)).body).toMatchObject({ genuine: false, matchesArchive: false });
    const wrongType = await t.http
      .post(`/api/verify/${docs[0].verifyCode}`)
      .set('Content-Type', 'text/plain')
      .send('x');
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.message).toContain('PDF');
  });
});

describe('near relatives of assistance staff', () => {
  it('sends the case to a county home visit before the county decides', async () => {
    const caseId = await apply(t, { nearRelative: true });
    await throughPublicNotice(caseId);
    await drive(t, caseId, CONFIRM_PATH, /县级/);
    const [visit] = await openTasks(t, caseId);
    expect(visit).toMatchObject({ name: '县级入户核查', candidateGroups: ['county_approver'] });
    await drive(t, caseId, CONFIRM_PATH, /县级审核确认/);
    const names = (await openTasks(t, caseId)).map((x: { name: string }) => x.name);
    expect(names).toEqual(['县级审核确认']);
    const templates = (await documentsOf(caseId)).map((d) => d.templateId);
    expect(templates.slice(0, 4).sort()).toEqual([
      'dibao-application-form',
      'family-declaration',
      'near-relative-registration',
      'verification-authorization',
    ]);
    expect(templates.at(-1)).toBe('county-home-visit-record');
  });
});

describe('documents are evidence', () => {
  it('re-renders every archived document byte for byte from its frozen snapshot and template', async () => {
    const caseId = await apply(t);
    await drive(t, caseId, CONFIRM_PATH, /入户/);
    const docs = await t.db.read((em) => em.getRepository(DocumentEntity).find({ where: { caseId } }));
    expect(docs.length).toBeGreaterThanOrEqual(2);
    for (const doc of docs) {
      const unsigned = await t.app.get(DocumentPipeline).renderUnsigned(doc);
      const archived = await t.app.get<BlobStore>(BLOB_STORE).get(doc.pdfSha256!);
      // The signature is an incremental update: what was signed is an exact prefix of the archive.
      expect(archived.length).toBeGreaterThan(unsigned.length);
      expect(archived.subarray(0, unsigned.length).equals(unsigned)).toBe(true);
    }
  });

  /** Where the blob store keeps a document's archived PDF (by its hash). */
  async function archivedFileOf(documentId: string): Promise<string> {
    const [row] = await t.query<{ pdf_sha256: string }>(`SELECT pdf_sha256 FROM document WHERE id = $1`, [
      documentId,
    ]);
    const hash = row.pdf_sha256;
    return path.join(t.dataDir, 'archive', hash.slice(0, 2), hash.slice(2, 4), hash);
  }

  it('tells a missing archived file from an altered one', async () => {
    const caseId = await apply(t);
    const [doc] = await documentsOf(caseId);
    const file = await archivedFileOf(doc.id);
    const aside = `${file}.aside`;
    fs.renameSync(file, aside);
    try {
      const res = await t.http.get(`/api/verify/${doc.verifyCode}`).expect(200);
      expect(res.body.genuine).toBe(false);
      expect(res.body.message).toContain('未找到该文书的归档文件');
      expect(res.body.message).not.toContain('改动');
    } finally {
      fs.renameSync(aside, file);
    }
    expect((await t.http.get(`/api/verify/${doc.verifyCode}`).expect(200)).body.genuine).toBe(true);
  });

  it('detects one changed byte in an archived PDF and in a ledger row', async () => {
    const caseId = await apply(t);
    const [doc] = await documentsOf(caseId);
    expect((await t.http.get(`/api/verify/${doc.verifyCode}`).expect(200)).body.genuine).toBe(true);
    const file = await archivedFileOf(doc.id);
    const bytes = fs.readFileSync(file);
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(file, bytes);
    const tampered = await t.http.get(`/api/verify/${doc.verifyCode}`).expect(200);
    expect(tampered.body).toMatchObject({ genuine: false, message: expect.stringContaining('改动') });

    expect((await t.db.read((em) => verifyLedger(em))).ok).toBe(true);
    // The database refuses UPDATE on the ledger; a superuser bypassing the trigger is still caught.
    await expect(
      t.db.transaction((em) =>
        em.query(`UPDATE archive_ledger SET number = 'x' WHERE document_id = $1`, [doc.id]),
      ),
    ).rejects.toThrow(/append-only/);
    await t.db.transaction(async (em) => {
      await em.query(`ALTER TABLE archive_ledger DISABLE TRIGGER archive_ledger_append_only`);
      await em.query(`UPDATE archive_ledger SET pdf_sha256 = repeat('0', 64) WHERE document_id = $1`, [
        doc.id,
      ]);
      await em.query(`ALTER TABLE archive_ledger ENABLE TRIGGER archive_ledger_append_only`);
    });
    const check = await t.db.read((em) => verifyLedger(em));
    expect(check.ok).toBe(false);
    expect(check.problem).toContain('哈希');
  });
});

describe('adverse paths end with a written decision giving reasons and remedy rights', () => {
  it('refused at county: 不予确认决定书 with facts, reasons, legal basis and remedies, then served', async () => {
    const caseId = await apply(t);
    const refuse = {
      ...CONFIRM_PATH,
      decision: ['accept', 'refuse'],
      // Ends in "。" as people write it: the template's own "。" must not double it (issue 17 F4).
      reasons: '家庭人均收入高于当地最低生活保障标准。',
      facts: '经核对，申请人家庭月人均收入820元，高于当地农村低保标准650元。',
      legalBasis:
        '《社会救助暂行办法》第九条、第十一条第（三）项，《最低生活保障审核确认办法》第十二条至第十四条、第二十一条',
    };
    await throughPublicNotice(caseId, refuse);
    // What the county found (月人均收入820元), recorded and assessed before it refuses on it.
    const [{ household }] = await t.query<{ household: { idNumber: string; name: string }[] }>(
      `SELECT household FROM assistance_case WHERE id = $1`,
      [caseId],
    );
    await (
      await t.as('investigator')
    )
      .put(`/api/cases/${caseId}/economics`, {
        household: investigatedHousehold('dibao', household, { dibaoBenefitFen: (65_000 - 82_000) * 3 }),
      })
      .expect(200);

    // F2: the decision's basis starts from the 不予确认决定书's own (substantive) default, and the
    // step's procedural basis alone is refused before anything is issued.
    await drive(t, caseId, refuse, /县级审核确认/);
    const [county] = (await openTasks(t, caseId)).filter((x: { name: string }) => x.name === '县级审核确认');
    const approver = await t.as('approver');
    const opened = (await approver.get(`/api/tasks/${county.id}`).expect(200)).body;
    expect(opened.legalBasis).toBe('《最低生活保障审核确认办法》第二十条、第二十一条');
    // The 初审 proposed 符合: the basis is the 确认通知书's default, the county then refuses.
    expect(opened.prefill.decision).toBe('confirm');
    expect(opened.prefill.legalBasis).toContain('《社会救助暂行办法》第九条');
    expect(opened.prefill.legalBasis).not.toBe(opened.legalBasis);
    // Issue 17: each answer's decision and its template's default basis, for the form to switch to.
    const byValue = Object.fromEntries(
      (opened.decisionBases as { value: string; templateId: string; legalBasis: string }[]).map((b) => [
        b.value,
        b,
      ]),
    );
    expect(byValue.confirm).toMatchObject({
      templateId: 'confirmation-notice',
      legalBasis: opened.prefill.legalBasis,
    });
    expect(byValue.refuse.templateId).toBe('non-confirmation-decision');
    expect(byValue.refuse.legalBasis).toContain('《社会救助暂行办法》第九条');
    expect(byValue.refuse.legalBasis).not.toBe(byValue.confirm.legalBasis);
    const procedural = await approver.post(`/api/tasks/${county.id}/complete`, {
      data: {
        ...opened.prefill,
        decision: 'refuse',
        facts: refuse.facts,
        reasons: refuse.reasons,
        legalBasis: opened.legalBasis,
      },
    });
    expect(procedural.status).toBe(400);
    expect(procedural.body.message).toContain('法律依据');
    expect(procedural.body.details).toContainEqual(expect.objectContaining({ field: 'data.legalBasis' }));
    expect(await documentsOf(caseId)).not.toContainEqual(
      expect.objectContaining({ templateId: 'non-confirmation-decision' }),
    );

    await drive(t, caseId, refuse);
    const [row] = await t.query(
      `SELECT status, outcome, benefit_amount_fen FROM assistance_case WHERE id = $1`,
      [caseId],
    );
    expect(row).toEqual({ status: 'closed', outcome: 'refused', benefit_amount_fen: null });
    const docs = await documentsOf(caseId);
    expect(docs.map((d) => d.templateId).slice(-2)).toEqual(['non-confirmation-decision', 'service-receipt']);
    const decision = docs.find((d) => d.templateId === 'non-confirmation-decision')!;
    expect(decision.number).toMatch(new RegExp(`^平.+〔${yearOf(decision)}〕1号$`));
    const text = pdfText(await pdfOf(decision.id));
    expect(text).toContain('家庭人均收入高于当地最低生活保障标准');
    expect(text).toContain('月人均收入820元');
    expect(text).toContain('《社会救助暂行办法》第九条');
    expect(text).toContain('第二十一条');
    expect(text).toContain('六十日内向平安县人民政府申请行政复议');
    expect(text).toContain('六个月内向平安县人民法院提起行政诉讼');
    // Issue 17 L1: the township acts as the organ in force, never as a bare place name.
    expect(text).toContain('向平安县城关镇人民政府提出最低生活保障申请');
    expect(text).toContain('经平安县城关镇人民政府调查');
    expect(text).toContain('本决定书通过平安县城关镇人民政府送达');
    expect(text).not.toMatch(/(向|经|通过)城关镇/);
    expect(text).not.toContain('。。');
    const receipt = pdfText(await pdfOf(docs[docs.length - 1].id));
    expect(receipt).toContain(decision.number!);
  });

  it('not accepted: 不予受理通知书 with reasons and remedies, then served', async () => {
    const caseId = await apply(t);
    await drive(t, caseId, { ...CONFIRM_PATH, decision: ['refuse'], reasons: '申请人户籍不在本乡镇' });
    const [row] = await t.query(`SELECT status, outcome FROM assistance_case WHERE id = $1`, [caseId]);
    expect(row).toEqual({ status: 'closed', outcome: 'not-accepted' });
    const docs = await documentsOf(caseId);
    expect(
      docs
        .map((d) => d.templateId)
        .slice(0, 3)
        .sort(),
    ).toEqual(['dibao-application-form', 'family-declaration', 'verification-authorization']);
    expect(docs.map((d) => d.templateId).slice(3)).toEqual(['non-acceptance-notice', 'service-receipt']);
    const text = pdfText(await pdfOf(docs[3].id));
    expect(text).toContain('申请人户籍不在本乡镇');
    expect(text).toContain('申请行政复议');
    expect(text).toContain('提起行政诉讼');
  });

  it('refusal to cooperate: 终止审核确认通知书 with the facts and remedies, then served', async () => {
    const caseId = await apply(t);
    const refused = {
      ...CONFIRM_PATH,
      serviceDate: t.clock.today(),
      cooperation: ['refused'],
      nonCooperationDetails: '调查人员于2026年11月20日预约入户，申请人无正当理由拒绝入户调查。',
    };
    await drive(t, caseId, refused);
    const [row] = await t.query(`SELECT status, outcome FROM assistance_case WHERE id = $1`, [caseId]);
    expect(row).toEqual({ status: 'closed', outcome: 'terminated' });
    const docs = await documentsOf(caseId);
    expect(docs.map((d) => d.templateId)).toContain('verification-request-letter');
    expect(docs.map((d) => d.templateId)).not.toContain('home-visit-record');
    expect(docs.map((d) => d.templateId).slice(-2)).toEqual(['review-termination-notice', 'service-receipt']);
    const notice = docs.find((d) => d.templateId === 'review-termination-notice')!;
    const text = pdfText(await pdfOf(notice.id));
    expect(text).toContain('无正当理由拒绝入户调查');
    expect(text).toContain('终止本次');
    expect(text).toContain('六十日内向平安县人民政府申请行政复议');
    expect(text).toContain('提起行政诉讼');
  });

  it('asks once for all missing materials, serves the notice, then accepts', async () => {
    const caseId = await apply(t);
    const [review] = await openTasks(t, caseId);
    const data = { decision: 'supplement', missingMaterials: ['户口簿复印件', '残疾人证复印件'] };
    await (await t.as('clerk')).post(`/api/tasks/${review.id}/complete`, { data }).expect(200);
    const notice = (await documentsOf(caseId)).find((d) => d.templateId === 'supplement-notice')!;
    const text = pdfText(await pdfOf(notice.id));
    expect(text).toContain('户口簿复印件');
    expect(text).toContain('残疾人证复印件');
    await drive(t, caseId, CONFIRM_PATH, /入户/);
    const templates = (await documentsOf(caseId)).map((d) => d.templateId);
    expect(templates.indexOf('supplement-notice')).toBeLessThan(templates.indexOf('service-receipt'));
    expect(templates.indexOf('service-receipt')).toBeLessThan(templates.indexOf('acceptance-notice'));
    const [row] = await t.query(`SELECT status FROM assistance_case WHERE id = $1`, [caseId]);
    expect(row.status).toBe('in_progress');
  });
});

describe('durability and concurrency', () => {
  it('resumes every case where it was after the API restarts', async () => {
    const caseId = await apply(t);
    await drive(t, caseId, CONFIRM_PATH, /乡镇初审/);
    const before = (await openTasks(t, caseId)).map((x: { name: string }) => x.name);
    expect(before.some((n: string) => /初审/.test(n))).toBe(true);
    await t.restart();
    expect((await openTasks(t, caseId)).map((x: { name: string }) => x.name)).toEqual(before);
    await throughPublicNotice(caseId);
    await t.restart();
    await drive(t, caseId, CONFIRM_PATH);
    const [row] = await t.query(`SELECT outcome FROM assistance_case WHERE id = $1`, [caseId]);
    expect(row.outcome).toBe('confirmed');
  });

  it('lets exactly one of two concurrent completions of a task through; the other gets 409', async () => {
    const caseId = await apply(t);
    const [task] = await openTasks(t, caseId);
    const clerk = await t.as('clerk');
    const results = await Promise.all(
      [1, 2].map(() => clerk.post(`/api/tasks/${task.id}/complete`, { data: { decision: 'accept' } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const conflict = results.find((r) => r.status === 409)!;
    expect(conflict.body.message).toMatch(/已办理|已被他人更新/);
    const acceptance = (await documentsOf(caseId)).filter((d) => d.templateId === 'acceptance-notice');
    expect(acceptance).toHaveLength(1);
  });

  it('refuses a stale expectedVersion with 409 and replays a repeated Idempotency-Key without acting twice', async () => {
    const caseId = await apply(t);
    const [task] = await openTasks(t, caseId);
    const clerk = await t.as('clerk');
    const { body: view } = await clerk.get(`/api/tasks/${task.id}`).expect(200);
    const stale = await clerk.post(`/api/tasks/${task.id}/complete`, {
      data: { decision: 'accept' },
      expectedVersion: view.version + 5,
    });
    expect(stale.status).toBe(409);
    const send = () =>
      clerk
        .post(`/api/tasks/${task.id}/complete`, {
          data: { decision: 'accept' },
          expectedVersion: view.version,
        })
        .set('Idempotency-Key', 'retry-key-0001');
    const first = await send();
    const second = await send();
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect((await documentsOf(caseId)).filter((d) => d.templateId === 'acceptance-notice')).toHaveLength(1);
  });
});

describe('document numbers', () => {
  // At full size (200) in test/integrity/concurrent-numbering.e2e-spec.ts.
  it('gives 20 concurrent issuances consecutive numbers with no gap and no duplicate', () =>
    concurrentIssuanceNumbers(t, 20));
});

describe('the API edge', () => {
  it('checks resident ID numbers (GB 11643) and names the field', async () => {
    const clerk = await t.as('clerk');
    const res = await clerk.post('/api/cases', {
      ...APPLICATION,
      applicant: { ...APPLICATION.applicant, idNumber: '410799198103050013' },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toContainEqual({
      field: 'applicant.idNumber',
      message: expect.stringContaining('校验码错误'),
    });
  });

  it('validates task forms in Chinese, naming the field', async () => {
    const caseId = await apply(t);
    const [task] = await openTasks(t, caseId);
    const res = await (
      await t.as('clerk')
    ).post(`/api/tasks/${task.id}/complete`, { data: { decision: 'maybe' } });
    expect(res.status).toBe(400);
    expect(res.body.details[0].field).toBe('data.decision');
    expect(res.body.details[0].message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('tags every response with a request id, echoed in error bodies', async () => {
    const ok = await t.http.get('/api/health').expect(200);
    expect(ok.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    // The caller's id is echoed for correlation; the request's own id is always the server's.
    const traced = await t.http.get('/api/cases').set('X-Request-Id', 'trace-0001-abc');
    expect(traced.status).toBe(401);
    expect(traced.headers['x-correlation-id']).toBe('trace-0001-abc');
    expect(traced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(traced.body).toMatchObject({ code: 'UNAUTHENTICATED', requestId: traced.headers['x-request-id'] });
    const hostile = await t.http
      .get('/api/health')
      .set('X-Request-Id', `'; drop table audit_entry; ${'a'.repeat(200)}`);
    expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('opens nothing without login and checks roles', async () => {
    expect((await t.http.get('/api/cases')).status).toBe(401);
    expect((await t.http.get('/api/tasks')).status).toBe(401);
    const health = await t.http.get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', database: 'ok', timerPoller: 'off' }); // tests poll by hand
    expect((await t.http.get('/api/docs')).status).toBe(200);
    const approver = await t.as('approver');
    const res = await approver.post('/api/cases', APPLICATION);
    expect(res.status).toBe(403);
    expect(res.body.message).toContain('无权');
  });

  it('refuses a malformed model at deploy, naming the element', async () => {
    const legal = await t.as('legal');
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
  <process id="broken" isExecutable="true">
    <startEvent id="Start" />
    <sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Nowhere" />
  </process>
</definitions>`;
    const res = await legal.post('/api/processes', { xml, fileName: 'broken.bpmn' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.details)).toMatch(/Flow_1|Nowhere/);
    const defs = await t.query(`SELECT key FROM process_definition WHERE key = 'broken'`);
    expect(defs).toHaveLength(0);
  });

  it('keeps a running case on its model version while new cases start on the new one', async () => {
    const running = await apply(t);
    const legal = await t.as('legal');
    const [current] = await t.query<{ source: string; version: number }>(
      `SELECT source, version FROM process_definition WHERE key = 'dibao-application' ORDER BY version DESC LIMIT 1`,
    );
    const renamed = current.source.replace('name="邻里访问"', 'name="邻里走访核实"');
    expect(renamed).not.toBe(current.source);
    const deployed = await legal
      .post('/api/processes', { xml: renamed, fileName: 'dibao-application.bpmn' })
      .expect(201);
    expect(deployed.body.version).toBe(current.version + 1);

    const fresh = await apply(t);
    const stopAtReview = /乡镇初审/;
    await drive(t, running, CONFIRM_PATH, stopAtReview);
    const done = await drive(t, fresh, CONFIRM_PATH, stopAtReview);
    const names = async (caseId: string) =>
      (
        await t.query(
          `SELECT t.name FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id WHERE c.id = $1`,
          [caseId],
        )
      ).map((r) => r.name);
    expect(await names(running)).toContain('邻里访问');
    expect(await names(running)).not.toContain('邻里走访核实');
    expect(done).toContain('邻里走访核实');
    const versions = await t.query(
      `SELECT c.id, d.version FROM assistance_case c JOIN process_instance i ON i.id = c.process_instance_id
       JOIN process_definition d ON d.id = i.definition_id WHERE c.id IN ($1, $2)`,
      [running, fresh],
    );
    expect(Object.fromEntries(versions.map((v) => [v.id, v.version]))).toEqual({
      [running]: current.version,
      [fresh]: current.version + 1,
    });
  });

  it('deploys the same model twice as one version and a changed model as the next', async () => {
    const legal = await t.as('legal');
    const [current] = await t.query<{ source: string; version: number }>(
      `SELECT source, version FROM process_definition WHERE key = 'dibao-application' ORDER BY version DESC LIMIT 1`,
    );
    const same = await legal
      .post('/api/processes', { xml: current.source, fileName: 'dibao-application.bpmn' })
      .expect(201);
    expect(same.body).toMatchObject({ created: false, version: current.version });
    const changed = `${current.source}\n<!-- 修订 -->\n`;
    const next = await legal
      .post('/api/processes', { xml: changed, fileName: 'dibao-application.bpmn' })
      .expect(201);
    expect(next.body).toMatchObject({ created: true, version: current.version + 1 });
  });
});
