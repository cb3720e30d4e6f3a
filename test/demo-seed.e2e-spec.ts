import { shanghaiDate } from '@app/common';
import { DocumentPipeline } from '@app/issuance';
import { extractSignatureInfo } from '@app/signing';
import { isFieldShown } from '@app/process-models';
import { rewindDemoClock, seedDemo } from '../apps/api/src/demo/seed';
import { TestApp } from './support/test-app';

/**
 * `npm start` on a fresh machine: the demo seed runs on an empty installation and its cases are
 * lawful in time — nothing issued before the application, after today, or inside a 公示 period.
 */
let t: TestApp;
let createdCases = 0;

beforeAll(async () => {
  t = await TestApp.startFresh(rewindDemoClock);
  createdCases = (await seedDemo(t.app)).createdCases;
}, 600_000);

afterAll(async () => {
  await t?.stop();
});

describe('the demo seed of a fresh installation', () => {
  it('creates its cases on the bundled models, ending today on the application clock', async () => {
    expect(createdCases).toBeGreaterThan(5);
    expect(t.clock.today()).toBe(shanghaiDate(new Date()));
  });

  it('dates no document before its application or after today', async () => {
    const rows = await t.query<{ case_no: string; template_id: string; issued: string; applied: string }>(
      `SELECT c.case_no, d.template_id, d.issued_at AS issued, c.application_date::text AS applied
       FROM document d JOIN assistance_case c ON c.id = d.case_id`,
    );
    expect(rows.length).toBeGreaterThan(0);
    const today = shanghaiDate(new Date());
    const wrong = rows
      .map((r) => ({ ...r, issued: shanghaiDate(new Date(r.issued)) }))
      .filter((r) => r.issued < r.applied || r.issued > today);
    expect(wrong).toEqual([]);
  });

  it('sets the province’s 低收入人口认定办法 before its first case, so its 低收入 case cites it (issue 17 L7)', async () => {
    const params = await t.query<{ region_code: string; effective_from: string; instrument: unknown }>(
      `SELECT region_code, effective_from::text AS effective_from, parameters->'lowIncomeInstrument' AS instrument
       FROM policy_parameters`,
    );
    expect(params.length).toBeGreaterThan(0);
    const [{ first }] = await t.query<{ first: string }>(
      `SELECT MIN(application_date)::text AS first FROM assistance_case`,
    );
    for (const p of params) {
      expect(p.instrument).toMatchObject({ title: '平安省低收入人口认定办法', articles: expect.any(String) });
      expect(p.effective_from <= first).toBe(true);
    }
    const docs = await t.query<{ template_id: string; cited: string | null }>(
      `SELECT d.template_id, d.data->'instruments'->>'lowIncome' AS cited
       FROM document d JOIN assistance_case c ON c.id = d.case_id
       WHERE c.program = 'dibian' AND d.template_id = 'low-income-authorization'`,
    );
    expect(docs.length).toBeGreaterThan(0);
    for (const d of docs)
      expect(d.cited).toBe('《平安省低收入人口认定办法》（平民规〔2025〕3号）第五条、第六条');
    // Nothing of the seed was held back for a placeholder.
    expect(await t.query(`SELECT error FROM document_render_failure`)).toEqual([]);
  });

  it('issues no decision inside the 公示 period it cites', async () => {
    const rows = await t.query<{ case_no: string; end_date: string; decided: string }>(
      `SELECT c.case_no, n.data->'publicNotice'->>'endDate' AS end_date, d.issued_at AS decided
       FROM document d
       JOIN assistance_case c ON c.id = d.case_id
       JOIN document n ON n.case_id = d.case_id AND n.template_id = 'public-notice'
       WHERE d.template_id IN ('confirmation-notice', 'non-confirmation-decision')`,
    );
    expect(rows.length).toBeGreaterThan(0);
    const inside = rows.filter((r) => shanghaiDate(new Date(r.decided)) <= r.end_date);
    expect(inside).toEqual([]);
  });

  it('dates each 公示 message within the 公示 it announces (sent on its day, not after the clock moved on)', async () => {
    const rows = await t.query<{ case_no: string; sent: string; issued: string; end_date: string }>(
      `SELECT c.case_no, m.created_at AS sent, n.issued_at AS issued, n.data->'publicNotice'->>'endDate' AS end_date
       FROM notification_message m
       JOIN assistance_case c ON c.id = m.case_id
       JOIN document n ON n.case_id = m.case_id AND n.template_id = 'public-notice'
       WHERE m.audience = 'applicant' AND m.subject = '您的申请进入公示'`,
    );
    expect(rows.length).toBeGreaterThan(0);
    const late = rows.filter(
      (r) =>
        shanghaiDate(new Date(r.sent)) > r.end_date ||
        shanghaiDate(new Date(r.sent)) < shanghaiDate(new Date(r.issued)),
    );
    expect(late).toEqual([]);
  });

  it('records no answer for a field its own step hid (no 补正 materials nor reasons when accepting)', async () => {
    // The audit keeps what was submitted, which is what the case file and the 复议 package show.
    const rows = await t.query<{
      name: string;
      form: { id: string; showIf?: string }[];
      data: Record<string, unknown>;
    }>(
      `SELECT k.name, k.form, a.detail->'data' AS data
       FROM audit_entry a JOIN task k ON k.id = (a.detail->>'taskId')::uuid
       WHERE a.action = 'task.complete'`,
    );
    expect(rows.length).toBeGreaterThan(0);
    const hidden = rows.flatMap((r) =>
      r.form
        .filter((f) => f.showIf && !isFieldShown(f as never, r.data) && r.data[f.id] !== undefined)
        .map((f) => `${r.name}.${f.id}`),
    );
    expect(hidden).toEqual([]);
  });

  it('dates every 邻里访问记录 and names at least two visitors', async () => {
    const rows = await t.query<{ form: { neighbourVisitDate?: string; neighbourVisitors?: string[] } }>(
      `SELECT data->'form' AS form FROM document WHERE template_id = 'neighbour-visit-record'`,
    );
    expect(rows.length).toBeGreaterThan(0);
    const incomplete = rows.filter(
      (r) => !r.form.neighbourVisitDate || (r.form.neighbourVisitors ?? []).length < 2,
    );
    expect(incomplete).toEqual([]);
  });

  it('dates each 低保 case’s documents in process order, the steps an office separates on separate days (issue 17 L2)', async () => {
    const rows = await t.query<{
      case_no: string;
      applied: string;
      template_id: string;
      issued: string;
      element: string;
    }>(
      `SELECT c.case_no, c.application_date::text AS applied, d.template_id, d.issued_at AS issued, d.element_id AS element
       FROM document d JOIN assistance_case c ON c.id = d.case_id
       WHERE c.program = 'dibao' AND c.kind = 'application'
       ORDER BY d.issued_at`,
    );
    // What the seed does on a later working day than the step before it, in process order.
    const chain = [
      'acceptance-notice',
      'home-visit-record',
      'neighbour-visit-record',
      'first-instance-opinion',
      'confirmation-notice',
    ];
    const byCase = new Map<string, { applied: string; dates: Map<string, string> }>();
    for (const r of rows) {
      const entry = byCase.get(r.case_no) ?? { applied: r.applied, dates: new Map<string, string>() };
      if (!entry.dates.has(r.template_id)) entry.dates.set(r.template_id, shanghaiDate(new Date(r.issued)));
      byCase.set(r.case_no, entry);
    }
    expect(byCase.size).toBeGreaterThanOrEqual(4);
    const wrong: string[] = [];
    let reachedDecision = 0;
    for (const [caseNo, { applied, dates }] of byCase) {
      let previous = { step: 'application', date: applied };
      for (const step of chain) {
        const date = dates.get(step);
        if (!date) continue;
        if (date <= previous.date)
          wrong.push(`${caseNo}: ${step} ${date} not after ${previous.step} ${previous.date}`);
        previous = { step, date };
      }
      // The 公示 the day 初审 issued it; the decision after it ends; 送达 after the decision.
      const notice = dates.get('public-notice');
      if (notice && notice !== dates.get('first-instance-opinion')) wrong.push(`${caseNo}: 公示 ${notice}`);
      const decided = dates.get('confirmation-notice');
      const served = dates.get('service-receipt');
      if (decided) {
        reachedDecision++;
        if (!served || served <= decided)
          wrong.push(`${caseNo}: 送达 ${served} not after the decision ${decided}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(reachedDecision).toBeGreaterThan(0);
  });

  it('signs every document at its issue time on the application clock, not when it was rendered (issue 17)', async () => {
    const rows = await t.query<{ sha: string; issued: string }>(
      `SELECT d.pdf_sha256 AS sha, d.issued_at AS issued FROM document d JOIN assistance_case c ON c.id = d.case_id
       WHERE c.program = 'dibao' AND d.status = 'archived' ORDER BY d.issued_at LIMIT 3`,
    );
    expect(rows.length).toBe(3);
    const pipeline = t.app.get(DocumentPipeline);
    const today = shanghaiDate(new Date());
    for (const row of rows) {
      const pdf = await pipeline.pdf({ status: 'archived', pdfSha256: row.sha } as never);
      const info = extractSignatureInfo(pdf)!;
      expect(info.signingTimeSource).toBe('cms');
      // The CMS time holds whole seconds.
      expect(Math.floor(info.signingTime!.getTime() / 1000)).toBe(
        Math.floor(new Date(row.issued).getTime() / 1000),
      );
      expect(shanghaiDate(info.signingTime!) < today).toBe(true);
    }
  });
});
