import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { JPEG } from '../support/sample-files';
import { withCheckDigit } from '@app/assistance';
import { APPLICATION, CONFIRM_PATH, WORKED_EXAMPLE, apply, drive, openTasks } from '../support/case-driver';
import { TestApp, pdfText } from '../support/test-app';
import { CORPUS, Category, CorpusContext, HostileCase, resolve } from './corpus';

/**
 * The hostile-input corpus (issue 7, item 6) against the real HTTP API: every case must be refused
 * with a 4xx `{ code, message, details }` in Chinese naming the offending field, and must change
 * nothing — no row in any table (audit included) added, removed or altered, no file in the archive.
 */
const USERS = ['clerk', 'investigator', 'reviewer', 'approver', 'legal', 'admin', 'applicant'];
const CJK = /[\u4e00-\u9fff]/;
const MIN_CASES = 200;

let t: TestApp;
let ctx: CorpusContext;
let digestSql: string;
const tokens: Record<string, string> = {};

/** A digest of every row of every table (one query) and every file in the archive with its size. */
async function snapshot(): Promise<Record<string, number | string>> {
  const [row] = await t.query(digestSql);
  const files: Record<string, number> = {};
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else files[path.relative(t.dataDir, p)] = fs.statSync(p).size;
    }
  };
  walk(path.join(t.dataDir, 'archive'));
  return { ...row, archive: JSON.stringify(files) };
}

async function send(c: HostileCase): Promise<request.Response> {
  const url = resolve(c.path, ctx);
  // A hostile input must never hang the server either.
  let req = t.http[c.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch'](url).timeout({
    response: 15_000,
  });
  if (c.user) req = req.set('Authorization', `Bearer ${tokens[c.user]}`);
  for (const [k, v] of Object.entries(c.headers ?? {})) req = req.set(k, v);
  if (c.raw) {
    const raw = await resolve(c.raw, ctx);
    // As given: superagent would otherwise serialize a Buffer declared as JSON into {"type":"Buffer",…}.
    return req
      .set('Content-Type', raw.contentType)
      .serialize((b: unknown) => b as string)
      .send(raw.bytes);
  }
  const json = c.json === undefined ? undefined : resolve(c.json, ctx);
  return json === undefined ? req : req.send(json as object);
}

/** What is wrong with the answer to a hostile case; empty when it was refused properly. */
function problemsWith(c: HostileCase, res: request.Response): string[] {
  const problems: string[] = [];
  const body = res.body ?? {};
  if (c.status !== undefined ? res.status !== c.status : res.status < 400 || res.status >= 500)
    problems.push(`status ${res.status}, expected ${c.status ?? '4xx'}`);
  if (typeof body.code !== 'string' || !body.code) problems.push('no code');
  if (typeof body.message !== 'string' || !CJK.test(body.message)) problems.push('message not in Chinese');
  if (!Array.isArray(body.details)) problems.push('details is not a list');
  else if (!body.details.every((d: unknown) => d && typeof (d as { field?: unknown }).field === 'string'))
    problems.push('a detail without field');
  const details: { field: string; message: string }[] = Array.isArray(body.details) ? body.details : [];
  const named =
    details.some((d) => typeof d.field === 'string' && d.field.startsWith(c.field)) ||
    (typeof body.message === 'string' && body.message.includes(c.field));
  if (!named) problems.push(`field “${c.field}” not named`);
  return problems;
}

const ALL = Object.values(CORPUS).flat();

beforeAll(async () => {
  t = await TestApp.start();
  for (const u of USERS) tokens[u] = await t.token(u);
  const tables: { name: string }[] = await t.query(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`,
  );
  // Contents, not counts: an UPDATE that a refused request slipped through changes no count. A
  // session's last use is the one thing any request may move (the idle timeout reads it).
  const rowText = (table: string) =>
    table === 'user_session' ? `(r.token_hash, r.user_id, r.expires_at, r.created_at)::text` : `r::text`;
  digestSql = `SELECT ${tables
    .map(
      (x) =>
        `(SELECT count(*) || ':' || coalesce(md5(string_agg(${rowText(x.name)}, '|' ORDER BY ${rowText(x.name)})), '') FROM "${x.name}" r) AS "${x.name}"`,
    )
    .join(', ')}`;

  // The fixture: one running 低保 case at the township review (a money field), with one attachment.
  const caseId = await apply(t);
  const investigator = await t.as('investigator');
  await investigator.put(`/api/cases/${caseId}/economics`, { household: WORKED_EXAMPLE }).expect(200);
  for (let i = 0; i < 12; i++) {
    const open = await openTasks(t, caseId);
    if (open.some((x: { form: { id: string }[] }) => x.form.some((f) => f.id === 'proposedAmount'))) break;
    await drive(t, caseId, CONFIRM_PATH, undefined, 1);
  }
  const moneyTask = (await openTasks(t, caseId)).find((x: { form: { id: string }[] }) =>
    x.form.some((f) => f.id === 'proposedAmount'),
  );
  if (!moneyTask) throw new Error('fixture: no task with a money field');
  const attachment = await t.http
    .post(`/api/cases/${caseId}/attachments?kind=scan&fileName=${encodeURIComponent('户口簿.jpg')}`)
    .set('Authorization', `Bearer ${tokens.clerk}`)
    .set('Content-Type', 'image/jpeg')
    .send(JPEG)
    .expect(201);
  const staff = await (await t.as('admin')).get('/api/supervision/near-relatives/staff').expect(200);
  const [doc] = await t.query<{ code: string }>(
    `SELECT verify_code AS code FROM document WHERE case_id = $1 LIMIT 1`,
    [caseId],
  );
  ctx = {
    caseId,
    moneyTaskId: moneyTask.id,
    attachmentId: attachment.body.id,
    staffUserId: staff.body[0].id,
    adminUserId: (await t.query<{ id: string }>(`SELECT id FROM app_user WHERE username = 'admin'`))[0].id,
    townshipUserId: (
      await t.query<{ id: string }>(`SELECT id FROM app_user WHERE username = 'hexi_staff'`)
    )[0].id,
    verifyCode: doc.code,
  };
}, 120_000);

afterAll(async () => {
  await t?.stop();
});

describe('the hostile-input corpus', () => {
  it(`holds at least ${MIN_CASES} cases with unique names, in every category`, () => {
    const names = ALL.map((c) => `${c.category}: ${c.name}`);
    expect(new Set(names).size).toBe(names.length);
    expect(ALL.length).toBeGreaterThanOrEqual(MIN_CASES);
    for (const [category, cases] of Object.entries(CORPUS))
      expect({ category, n: cases.length > 0 }).toEqual({ category, n: true });
  });
});

describe('the change detector', () => {
  it('sees an UPDATE that changes no row count', async () => {
    const before = await snapshot();
    await t.query(`UPDATE app_user SET display_name = display_name || '·' WHERE username = 'clerk'`);
    const after = await snapshot();
    await t.query(`UPDATE app_user SET display_name = rtrim(display_name, '·') WHERE username = 'clerk'`);
    expect(Object.keys(after).filter((k) => after[k] !== before[k])).toEqual(['app_user']);
    expect(await snapshot()).toEqual(before);
  });
});

/**
 * The state after one refused case is the state before the next: the corpus runs in order and nothing
 * else writes meanwhile, so each case takes one digest, not two (anything a case leaves behind after
 * its digest, the next case's comparison still sees).
 */
let lastDigest: Record<string, number | string> | undefined;

describe.each(Object.keys(CORPUS) as Category[])('%s', (category) => {
  it.each(CORPUS[category].map((c) => [c.name, c] as const))('refuses %s', async (_name, c) => {
    const before = lastDigest ?? (await snapshot());
    const res = await send(c);
    const after = await snapshot();
    lastDigest = after;
    const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
    const problems = [...problemsWith(c, res), ...changed.map((k) => `changed: ${k}`)];
    const body = Buffer.isBuffer(res.body)
      ? `<${res.body.length} bytes>`
      : JSON.stringify(res.body).slice(0, 600);
    expect({ case: c.name, problems }).toEqual({
      case: c.name,
      problems: [],
      ...(problems.length && { body }),
    });
  });
});

describe('rare characters in names: printed with the embedded font, or refused naming the field', () => {
  it('accepts a CJK Extension E name the font covers and prints it on the acceptance notice', async () => {
    const name = '刘𬌗';
    const id = withCheckDigit('41079919900101002');
    const caseId = await apply(t, {
      applicant: { ...APPLICATION.applicant, name, idNumber: id },
      members: [{ name, idNumber: id, relation: '本人' }],
    });
    await drive(t, caseId, CONFIRM_PATH, /核对|调查/);
    const detail = await (await t.as('approver')).get(`/api/cases/${caseId}`).expect(200);
    const notice = detail.body.documents.find(
      (d: { templateId: string }) => d.templateId === 'acceptance-notice',
    );
    expect(notice).toBeDefined();
    const pdf = await t.download('approver', `/api/documents/${notice.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdfText(pdf.body)).toContain(`${name}：`);
  });

  it('refuses a name with an Extension B character the font lacks, naming the field and the character', async () => {
    const res = await (
      await t.as('clerk')
    ).post('/api/cases', {
      ...APPLICATION,
      members: [...APPLICATION.members.slice(0, 2), { ...APPLICATION.members[2], name: '王𠀀' }],
    });
    expect(res.status).toBe(400);
    expect(res.body.details).toContainEqual({
      field: 'members[2].name',
      message: expect.stringContaining('“𠀀”（U+20000）'),
    });
  });
});
