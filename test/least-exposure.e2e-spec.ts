import JSZip from 'jszip';
import request from 'supertest';
import { withCheckDigit } from '@app/assistance';
import { DEMO_PASSWORD } from '../apps/api/src/demo/reference-data';
import { TestApp, pdfText } from './support/test-app';
import { APPLICATION, CONFIRM_PATH, HEXI, WORKED_EXAMPLE, apply, drive } from './support/case-driver';
import { tinyPdf } from './support/sample-files';

/**
 * Issue 14, least exposure and evidence that cannot be rewritten: the audit search is scoped to the
 * reader's region and masked for readers who do not work cases (finding 2); originals leave for
 * them only with a recorded 查阅事由 (finding 3); the record names the actor as they were, and
 * display names are unique within a region (finding 5); the 卷内目录.csv runs no formula (finding 7).
 */
let t: TestApp;
let caseId: string;
let hexiCaseId: string;
const FULL_ID = APPLICATION.applicant.idNumber;
const HEALTH_NOTE = '尿毒症透析';
const DEPOSITS = 1_234_567;
const REASON = '行政复议案件调阅原件核查';

const FORMULA_NOTES = ['=HYPERLINK("http://evil.example/?x")', '+1+1', '-2+3', '@SUM(A1)'];

async function upload(username: string, id: string, bytes: Buffer, query: Record<string, string>) {
  return t.http
    .post(`/api/cases/${id}/attachments`)
    .query(query)
    .set('Authorization', `Bearer ${await t.token(username)}`)
    .set('Content-Type', 'application/pdf')
    .send(bytes);
}

beforeAll(async () => {
  t = await TestApp.start();
  caseId = await apply(t);
  await drive(t, caseId, CONFIRM_PATH, /入户调查/);
  await (
    await t.as('investigator')
  )
    .put(`/api/cases/${caseId}/economics`, {
      household: {
        ...WORKED_EXAMPLE,
        assets: { ...WORKED_EXAMPLE.assets, depositsFen: DEPOSITS },
        rigidExpenditures: [{ kind: 'medical', annualFen: 360_000, note: HEALTH_NOTE }],
      },
    })
    .expect(200);
  for (const [i, note] of FORMULA_NOTES.entries()) {
    const res = await upload('clerk', caseId, tinyPdf(`Scan ${i}`), {
      kind: 'scan',
      fileName: `材料${i}`,
      note,
    });
    expect(res.status).toBe(201);
  }
  hexiCaseId = (await (await t.as('hexi_clerk')).post('/api/cases', HEXI).expect(201)).body.id;
  const made = await (
    await t.as('admin')
  )
    .post('/api/users', {
      username: 'hexi_auditor',
      displayName: '何审计',
      role: 'auditor',
      regionCode: '410799101',
      password: DEMO_PASSWORD,
    })
    .expect(201);
  // Maker-checker: a second administrator confirms the new account before it can read anything.
  await (await t.as('admin2')).post(`/api/users/${made.body.id}/confirm`).expect(200);
});
afterAll(async () => {
  await t?.stop();
});

interface Entry {
  action: string;
  caseId: string | null;
  actorName: string | null;
  actorRole: string | null;
  detail: Record<string, unknown> | null;
}

async function search(username: string, query = ''): Promise<Entry[]> {
  const res = await (await t.as(username)).get(`/api/audit?limit=500${query}`).expect(200);
  return res.body.entries;
}

function refusedForReason(res: request.Response) {
  expect(res.status).toBe(403);
  const body = Buffer.isBuffer(res.body) ? JSON.parse(res.body.toString('utf8')) : res.body;
  expect(body.code).toBe('REASON_REQUIRED');
  expect(body.message).toMatch(/查阅事由/);
  expect(body.details.map((d: { field: string }) => d.field)).toEqual(['reason']);
}

async function breakGlassEntries(actor: string) {
  return t.query<{
    case_id: string;
    detail: { readingReason: string; documentId?: string; attachmentId?: string };
  }>(
    `SELECT a.case_id, a.detail FROM audit_entry a JOIN app_user u ON u.id = a.actor_id
      WHERE a.action = 'access.break_glass' AND u.username = $1 ORDER BY a.id`,
    [actor],
  );
}

describe('the audit search is scoped to the reader’s region (finding 2)', () => {
  it('a township auditor reads their township’s record, not another township’s', async () => {
    expect(await search('hexi_auditor', `&caseId=${caseId}`)).toEqual([]);
    expect((await search('hexi_auditor', `&caseId=${hexiCaseId}`)).length).toBeGreaterThan(0);
    const all = await search('hexi_auditor');
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter((e) => e.caseId === caseId)).toEqual([]);
    expect(all.every((e) => e.caseId === null || e.caseId === hexiCaseId)).toBe(true);
    // Sign-ins belong to the account's region: their own, not the 城关镇 clerk's.
    expect(all.some((e) => e.action === 'auth.login' && e.actorName === '何审计')).toBe(true);
    expect(all.some((e) => e.actorName === '李窗口')).toBe(false);
    expect(JSON.stringify(all)).not.toContain(HEALTH_NOTE);
    // The county auditor reads both townships.
    expect((await search('auditor', `&caseId=${caseId}`)).length).toBeGreaterThan(0);
    expect((await search('auditor', `&caseId=${hexiCaseId}`)).length).toBeGreaterThan(0);
  });

  it('readers who do not work cases see who did what, not health, income or assets', async () => {
    const [stored] = await t.query(
      `SELECT detail FROM audit_entry WHERE action = 'case.economics' AND case_id = $1`,
      [caseId],
    );
    expect(JSON.stringify(stored.detail)).toContain(HEALTH_NOTE); // the record itself is whole
    for (const reader of ['auditor', 'admin']) {
      const [entry] = await search(reader, `&caseId=${caseId}&action=case.economics`);
      expect(entry).toMatchObject({
        action: 'case.economics',
        actorName: '赵调查',
        actorRole: 'investigator',
      });
      const text = JSON.stringify(entry);
      expect({ reader, health: text.includes(HEALTH_NOTE) }).toEqual({ reader, health: false });
      expect(text).not.toContain(String(DEPOSITS));
      expect(text).not.toContain('chronic_illness');
      expect(text).not.toContain(FULL_ID);
      expect(text).toContain('〔已脱敏〕');
    }
    // Nor in the case page's timeline, for those who read it masked.
    const view = await (await t.as('legal')).get(`/api/cases/${caseId}`).expect(200);
    expect(JSON.stringify(view.body)).not.toContain(HEALTH_NOTE);
  });
});

describe('originals outside casework only with a recorded reason (finding 3)', () => {
  let doc: { id: string; title: string };
  let original: Buffer;

  beforeAll(async () => {
    const view = await (await t.as('clerk')).get(`/api/cases/${caseId}`).expect(200);
    for (const d of view.body.documents as { id: string; title: string }[]) {
      const res = await t.download('clerk', `/api/documents/${d.id}/pdf`);
      if (res.status === 200 && pdfText(res.body).includes(FULL_ID)) {
        doc = d;
        original = res.body;
        break;
      }
    }
    expect(doc).toBeDefined(); // a document that prints the applicant's full ID number
  });

  it('a document PDF: without a reason a masked, unsigned 脱敏副本; with one the original, recorded', async () => {
    for (const reader of ['legal', 'auditor', 'admin']) {
      const masked = await t.download(reader, `/api/documents/${doc.id}/pdf`);
      expect({ reader, status: masked.status }).toEqual({ reader, status: 200 });
      const text = pdfText(masked.body);
      expect({ reader, full: text.includes(FULL_ID) }).toEqual({ reader, full: false });
      expect(text).toContain('脱敏副本');
      expect(text).toMatch(/410799\*+0012/);
      expect(masked.body.includes('/ByteRange')).toBe(false); // never signed
      const opened = await t.download(
        reader,
        `/api/documents/${doc.id}/pdf?reason=${encodeURIComponent(REASON)}`,
      );
      expect(opened.status).toBe(200);
      expect(opened.body.equals(original)).toBe(true);
      const entries = await breakGlassEntries(reader);
      expect(entries.at(-1)).toMatchObject({
        case_id: caseId,
        detail: { readingReason: REASON, documentId: doc.id },
      });
    }
    const vague = await t.download(
      'legal',
      `/api/documents/${doc.id}/pdf?reason=${encodeURIComponent('看看。。。')}`,
    );
    expect(vague.status).toBe(400);
    expect(JSON.parse(vague.body.toString('utf8')).details[0].field).toBe('reason');
    // Caseworkers of the region read the original as before, with no reason asked or recorded.
    const clerk = await t.download('clerk', `/api/documents/${doc.id}/pdf`);
    expect(clerk.body.equals(original)).toBe(true);
    expect(await breakGlassEntries('clerk')).toEqual([]);
  });

  it('an attachment: refused without a reason, served with one, recorded', async () => {
    const [attachment] = await t.query<{ id: string }>(
      `SELECT id FROM attachment WHERE case_id = $1 ORDER BY uploaded_at LIMIT 1`,
      [caseId],
    );
    const url = `/api/attachments/${attachment.id}/content`;
    const clerk = await t.download('clerk', url);
    expect(clerk.status).toBe(200);
    for (const reader of ['legal', 'auditor', 'admin']) {
      refusedForReason(await t.download(reader, url));
      const opened = await t.download(reader, `${url}?reason=${encodeURIComponent(REASON)}`);
      expect({ reader, status: opened.status }).toEqual({ reader, status: 200 });
      expect(opened.body.equals(clerk.body)).toBe(true);
      expect((await breakGlassEntries(reader)).at(-1)).toMatchObject({
        case_id: caseId,
        detail: { readingReason: REASON, attachmentId: attachment.id },
      });
    }
  });

  it('the 案卷 ZIP: refused without a reason, served with one, recorded; caseworkers as before', async () => {
    const url = `/api/cases/${caseId}/case-file`;
    for (const reader of ['legal', 'admin']) {
      refusedForReason(await t.download(reader, url));
      const opened = await t.download(reader, `${url}?reason=${encodeURIComponent(REASON)}`);
      expect({ reader, status: opened.status }).toEqual({ reader, status: 200 });
      await JSZip.loadAsync(opened.body);
      expect((await breakGlassEntries(reader)).at(-1)).toMatchObject({
        case_id: caseId,
        detail: { readingReason: REASON },
      });
    }
    expect((await t.download('approver', url)).status).toBe(200);
    expect((await t.download('clerk', url)).status).toBe(200);
  });

  it('the reason is on the auditor’s search', async () => {
    const entries = await search('auditor', `&caseId=${caseId}&action=access.break_glass`);
    expect(entries.length).toBeGreaterThanOrEqual(8);
    expect(entries.every((e) => e.detail?.readingReason === REASON)).toBe(true);
  });
});

describe('卷内目录.csv runs no formula (finding 7)', () => {
  /** The cells of a CSV written by csvText (quoted cells may hold commas, quotes and line breaks). */
  function cells(csv: string): string[] {
    const out: string[] = [];
    const re = /"((?:[^"]|"")*)"|([^,\r\n]*)/gy;
    let i = 0;
    while (i < csv.length) {
      re.lastIndex = i;
      const m = re.exec(csv)!;
      out.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]);
      i = re.lastIndex;
      if (csv.startsWith('\r\n', i)) i += 2;
      else if (csv[i] === ',') i += 1;
    }
    return out;
  }

  it('shows a note starting with = + - @ as text', async () => {
    const res = await t.download('clerk', `/api/cases/${caseId}/case-file`);
    const zip = await JSZip.loadAsync(res.body);
    const csv = (await zip.file('卷内目录.csv')!.async('string')).replace(/^\ufeff/, '');
    const all = cells(csv);
    for (const note of FORMULA_NOTES) {
      expect(all).toContain(`'${note}`);
      expect(all).not.toContain(note);
    }
    expect(all.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
  });
});

describe('the record names the actor as they were (finding 5)', () => {
  it('renaming an account after an act does not change the name on the act', async () => {
    const admin = await t.as('admin');
    const users = (await admin.get('/api/users').expect(200)).body as { id: string; username: string }[];
    const clerk = users.find((u) => u.username === 'clerk')!;
    await admin.patch(`/api/users/${clerk.id}`, { displayName: '李窗口甲' }).expect(200);
    const [apply] = await search('auditor', `&caseId=${caseId}&action=case.apply`);
    expect(apply).toMatchObject({ actorName: '李窗口', actorRole: 'window_clerk' });
    // What the account does from now on carries the new name.
    await t.http.post('/api/auth/login').send({ username: 'clerk', password: DEMO_PASSWORD }).expect(200);
    const [login] = await search('auditor', '&action=auth.login');
    expect(login.actorName).toBe('李窗口甲');
    expect((await (await t.as('admin')).get('/api/integrity').expect(200)).body.audit.ok).toBe(true);
  });

  it('refuses a display name another account of the same region goes by', async () => {
    const admin = await t.as('admin');
    const account = (over: object) => ({
      username: `dup${Math.floor(Math.random() * 1e6)}`,
      role: 'investigator',
      regionCode: '410799100',
      password: DEMO_PASSWORD,
      ...over,
    });
    for (const displayName of ['钱审核', ' 钱 审核 ']) {
      const res = await admin.post('/api/users', account({ displayName }));
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('DISPLAY_NAME_TAKEN');
      expect(res.body.message).toMatch(/同名|已有/);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['displayName']);
    }
    // Another township may have its own 钱审核.
    await admin.post('/api/users', account({ displayName: '钱审核', regionCode: '410799101' })).expect(201);
    const users = (await admin.get('/api/users').expect(200)).body as { id: string; username: string }[];
    const hexiClerk = users.find((u) => u.username === 'hexi_clerk')!;
    const renamed = await admin.patch(`/api/users/${hexiClerk.id}`, { displayName: '何审计' });
    expect(renamed.status).toBe(409);
    expect(renamed.body.details[0].field).toBe('displayName');
  });
});

describe('other reads give supervisors no more than the masked case page (outside tester, B3)', () => {
  const DIAGNOSIS = '因脑梗住院治疗，个人自付医疗费用3.6万元。';
  const PERSON_ID = withCheckDigit('41079919560101003');

  it('a warning’s events: ID, address, story and cost masked for legal, auditor and admin', async () => {
    const received = await (
      await t.as('approver')
    )
      .post('/api/monitoring/events', {
        source: '县医疗保障局',
        sourceEventId: 'EXPOSURE-B3-1',
        type: 'hospitalization',
        occurredOn: '2026-11-20',
        person: { name: '孙老汉', idNumber: PERSON_ID, address: '平安县城关镇东关村5组7号' },
        regionCode: '410799100201',
        details: DIAGNOSIS,
        amountFen: 3_600_000,
      })
      .expect(201);
    const warningId = received.body.warningCaseId as string;
    const whole = await (
      await t.as('approver')
    )
      .get(`/api/monitoring/warnings/${warningId}/events`)
      .expect(200);
    expect(JSON.stringify(whole.body)).toContain(DIAGNOSIS);
    for (const reader of ['legal', 'auditor', 'admin']) {
      const res = await (await t.as(reader)).get(`/api/monitoring/warnings/${warningId}/events`);
      expect({ reader, status: res.status }).toEqual({ reader, status: 200 });
      const text = JSON.stringify(res.body);
      for (const hidden of [PERSON_ID, '5组7号', DIAGNOSIS, '3600000'])
        expect({ reader, hidden, shown: text.includes(hidden) }).toEqual({ reader, hidden, shown: false });
      expect(res.body[0]).toMatchObject({ personName: '孙老汉', type: 'hospitalization' });
    }
  });

  it('the audit search withholds what the event was and who reported it (B2: a whitelist, not field names)', async () => {
    const [stored] = await t.query<{ detail: object }>(
      `SELECT detail FROM audit_entry WHERE action LIKE 'monitoring%' AND detail->>'sourceEventId' = 'EXPOSURE-B3-1'`,
    );
    expect(JSON.stringify(stored.detail)).toContain('县医疗保障局'); // the record itself is whole
    for (const reader of ['auditor', 'admin']) {
      const entries = await search(reader, '&action=monitoring');
      const mine = entries.filter((e) => e.detail?.sourceEventId === 'EXPOSURE-B3-1');
      expect({ reader, found: mine.length }).toEqual({ reader, found: 1 });
      const text = JSON.stringify(mine);
      for (const hidden of ['县医疗保障局', 'hospitalization', DIAGNOSIS])
        expect({ reader, hidden, shown: text.includes(hidden) }).toEqual({ reader, hidden, shown: false });
      expect(mine[0].detail).toMatchObject({ riskLevel: expect.any(String), source: '〔已脱敏〕' });
    }
  });

  it('a stored assessment: for caseworkers only', async () => {
    const row = await (
      await t.as('clerk')
    )
      .post('/api/assessments', { regionCode: APPLICATION.regionCode, caseId, household: WORKED_EXAMPLE })
      .expect(201);
    await (await t.as('clerk')).get(`/api/assessments/${row.body.id}`).expect(200);
    for (const reader of ['legal', 'auditor', 'admin']) {
      const res = await (await t.as(reader)).get(`/api/assessments/${row.body.id}`);
      expect({ reader, status: res.status }).toEqual({ reader, status: 403 });
      expect(JSON.stringify(res.body)).not.toContain('chronic_illness');
      const rerun = await (await t.as(reader)).post(`/api/assessments/${row.body.id}/rerun`);
      expect({ reader, status: rerun.status }).toEqual({ reader, status: 403 });
    }
  });

  it('the attachment list: the uploader’s note and file name withheld for legal, auditor and admin', async () => {
    const NOTE = '申请人需透析治疗';
    const NAME = '透析诊断证明';
    await upload('clerk', caseId, tinyPdf('Dialysis'), {
      kind: 'scan',
      fileName: NAME,
      note: NOTE,
    }).then((res) => expect(res.status).toBe(201));
    const clerk = await (await t.as('clerk')).get(`/api/cases/${caseId}/attachments`).expect(200);
    expect(JSON.stringify(clerk.body)).toContain(NOTE);
    expect(JSON.stringify(clerk.body)).toContain(NAME);
    for (const reader of ['legal', 'auditor', 'admin']) {
      const res = await (await t.as(reader)).get(`/api/cases/${caseId}/attachments`);
      expect({ reader, status: res.status }).toEqual({ reader, status: 200 });
      expect({ reader, shown: JSON.stringify(res.body).includes(NOTE) }).toEqual({ reader, shown: false });
      expect({ reader, shown: JSON.stringify(res.body).includes(NAME) }).toEqual({ reader, shown: false });
      expect(res.body.length).toBe(clerk.body.length);
    }
  });
});

describe('free text the steps recorded is withheld from supervisors (outside tester, B2/B3)', () => {
  it('the case page and the audit search: reasons, findings and visits read 〔已脱敏〕', async () => {
    const id = await apply(t);
    // Runs until the 公示 waits on its timer: acceptance, checks, visits and the township review.
    await drive(t, id, CONFIRM_PATH);
    // `reasons` is free text no field-name rule knew of (an objection's `objectionDetails` is alike).
    const texts = ['reasons', 'findings', 'neighbourVisit', 'checkFindings'].map(
      (k) => CONFIRM_PATH[k] as string,
    );
    const clerk = JSON.stringify((await (await t.as('clerk')).get(`/api/cases/${id}`).expect(200)).body);
    for (const text of texts) expect(clerk).toContain(text); // the record is whole for casework
    const legal = JSON.stringify((await (await t.as('legal')).get(`/api/cases/${id}`).expect(200)).body);
    const audit = JSON.stringify(await search('auditor', `&caseId=${id}&action=task.complete`));
    expect(audit).toContain('〔已脱敏〕');
    expect(legal).toContain('乡镇初审'); // who did which step stays
    for (const text of texts) {
      expect({ view: 'case page', text, shown: legal.includes(text) }).toEqual({
        view: 'case page',
        text,
        shown: false,
      });
      expect({ view: 'audit', text, shown: audit.includes(text) }).toEqual({
        view: 'audit',
        text,
        shown: false,
      });
    }
  });
});

describe('an assessment is filed onto a case only within the case’s region (outside tester, B8)', () => {
  it('another township’s clerk cannot write onto a 城关镇 case; nothing is stored', async () => {
    const count = async () => Number((await t.query(`SELECT count(*) AS n FROM assessment`))[0].n);
    const before = await count();
    const [{ latest }] = await t.query<{ latest: string | null }>(
      `SELECT max(created_at)::text AS latest FROM assessment WHERE case_id = $1`,
      [caseId],
    );
    const hexi = await t.as('hexi_clerk');
    const own = await hexi.post('/api/assessments', {
      regionCode: '410799101001',
      caseId,
      household: WORKED_EXAMPLE,
    });
    expect(own.status).toBe(403);
    expect(own.body.message).toMatch(/[\u4e00-\u9fa5]/);
    // Naming the case's own village is no way round it either.
    const theirs = await hexi.post('/api/assessments', {
      regionCode: APPLICATION.regionCode,
      caseId,
      household: WORKED_EXAMPLE,
    });
    expect(theirs.status).toBe(403);
    // A 城关镇 clerk naming another village than the case's is refused, naming the field.
    const mismatch = await (
      await t.as('clerk')
    ).post('/api/assessments', { regionCode: '410799100202', caseId, household: WORKED_EXAMPLE });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.details.map((d: { field: string }) => d.field)).toContain('regionCode');
    expect(await count()).toBe(before);
    const [{ latest: after }] = await t.query<{ latest: string | null }>(
      `SELECT max(created_at)::text AS latest FROM assessment WHERE case_id = $1`,
      [caseId],
    );
    expect(after).toBe(latest);
  });
});

describe('display names that only look different are refused (outside tester, B5)', () => {
  const account = (displayName: string, regionCode = '410799100') => ({
    username: `alike${Math.floor(Math.random() * 1e6)}`,
    role: 'investigator',
    regionCode,
    password: DEMO_PASSWORD,
    displayName,
  });

  it('refuses look-alikes of 李窗口 and Ali in the same region, and Cyrillic or Greek letters anywhere', async () => {
    const admin = await t.as('admin');
    await admin.post('/api/users', account('Ali')).expect(201);
    // The demo clerk may have been renamed by an earlier test: make sure a 李窗口 is there.
    expect([201, 409]).toContain((await admin.post('/api/users', account('李窗口'))).status);
    for (const displayName of ['李窗口·', '李·窗口', '李.窗口', 'ali', 'ＡＬＩ', 'Ａli']) {
      const res = await admin.post('/api/users', account(displayName));
      expect({ displayName, status: res.status, code: res.body.code }).toEqual({
        displayName,
        status: 409,
        code: 'DISPLAY_NAME_TAKEN',
      });
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['displayName']);
    }
    for (const displayName of ['\u0410li', '\u0391li']) {
      const res = await admin.post('/api/users', account(displayName, '410799101'));
      expect({ displayName, status: res.status }).toEqual({ displayName, status: 400 });
      expect(res.body.message).toMatch(/西里尔|希腊/);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['displayName']);
    }
    // Another township may still have its own Ali.
    await admin.post('/api/users', account('Ali', '410799101')).expect(201);
  });
});
