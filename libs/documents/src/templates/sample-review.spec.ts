/**
 * The 法制审核员's reading of every sample (issue 17): each defect class found in the samples, as a
 * rule over every template, so the next template or sample edit cannot bring it back. The samples are
 * the legal officer's reference documents: one case's samples must agree with each other and with
 * the system that issues them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { renderDocument } from '../render/render-document';
import { instrumentsUsed, unsetInstrumentMark } from './instruments';
import { loadTemplates } from './load-templates';
import { sampleIssuedAt } from './sample-date';
import type { LoadedTemplate } from './template-types';

const ROOT = resolve(__dirname, '../../../..');
const registry = loadTemplates(join(ROOT, 'templates'));
const templates = [...registry.values()];
type Sample = {
  case?: { caseNo?: string; programName?: string };
  applicant?: { name?: string };
  household?: { members?: { name: string }[] };
  form?: Record<string, unknown>;
  assessment?: { lines?: { label: string }[] };
};
const sampleOf = (t: LoadedTemplate) => t.manifest.sample as Sample;
const byId = (id: string) => registry.get(id)!;

const workDir = mkdtempSync(join(tmpdir(), 'sample-review-'));
/** The sample as served, without line breaks, footers or page numbers. */
async function rendered(id: string): Promise<string> {
  const t = byId(id);
  const pdf = await renderDocument({
    template: t,
    data: structuredClone(t.manifest.sample) as Record<string, unknown>,
    issuedAt: sampleIssuedAt(t.manifest.sample),
    verifyCode: 'K7Q2-9MXD',
    verifyUrl: 'https://jiuzhu.example.gov.cn/v/K7Q2-9MXD',
  });
  const file = join(workDir, `${id}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
    .replace(/验证码：\S+\s*查验：\S+/g, '')
    .replace(/—\s*\d+\s*—/g, '')
    .replace(/\s+/g, '');
}

/** The case-number series each process model issues (sa:caseNoPrefix), e.g. DIBAO-2026-000012. */
const SERIES = new Set(
  readdirSync(join(ROOT, 'processes'))
    .filter((f) => f.endsWith('.bpmn'))
    .flatMap((f) => [
      ...readFileSync(join(ROOT, 'processes', f), 'utf8').matchAll(/sa:caseNoPrefix="([A-Z]+)"/g),
    ])
    .map((m) => m[1]!),
);

describe('the 法制审核员 reads every sample', () => {
  it('case numbers are of the series the process models issue', () => {
    const wrong: string[] = [];
    for (const t of templates) {
      for (const [, prefix] of JSON.stringify(t.manifest.sample).matchAll(/\b([A-Z]{2,8})-20\d\d-\d{6}\b/g)) {
        if (!SERIES.has(prefix!)) wrong.push(`${t.manifest.id}: ${prefix}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("one case's samples name one applicant and one program; a case is dated no later than its number's year", () => {
    const seen = new Map<string, string>();
    const clash: string[] = [];
    for (const t of templates) {
      const s = sampleOf(t);
      const caseNo = s.case?.caseNo;
      if (!caseNo || !s.applicant?.name) continue;
      const who = `${s.applicant.name}/${s.case?.programName ?? ''}`;
      if (seen.has(caseNo) && seen.get(caseNo) !== who)
        clash.push(`${t.manifest.id}: ${caseNo} ${who} ≠ ${seen.get(caseNo)}`);
      seen.set(caseNo, who);
    }
    expect(clash).toEqual([]);
    // A benefit paid from April 2025 was granted in a case numbered 2025 or earlier.
    for (const id of ['penalty-prior-notice', 'recovery-prior-notice']) {
      const form = sampleOf(byId(id)).form!;
      const year = Number(/-(\d{4})-/.exec(String(form.parentCaseNo))![1]);
      expect({ id, year: year <= Number(String(form.periodFrom).slice(0, 4)) }).toEqual({ id, year: true });
    }
  });

  it('people are named by their names, not by the role they play', () => {
    const roles: string[] = [];
    const walk = (v: unknown, path: string) => {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
      else if (typeof v === 'string')
        for (const m of v.matchAll(/[赵钱孙李周吴郑王刘陈张杨](调查|协理|审批|核查|经办)(?![人员组])/g))
          roles.push(`${path}: ${m[0]}`);
    };
    for (const t of templates) walk(t.manifest.sample, t.manifest.id);
    expect(roles).toEqual([]);
  });

  it("a household's findings and 计算明细 name only its own members (or say how others are related)", () => {
    const people = new Set<string>();
    for (const t of templates) {
      const s = sampleOf(t);
      for (const m of s.household?.members ?? []) people.add(m.name);
      if (s.applicant?.name) people.add(s.applicant.name);
    }
    const strangers: string[] = [];
    for (const t of templates) {
      const s = sampleOf(t);
      const members = new Set((s.household?.members ?? []).map((m) => m.name));
      if (!members.size) continue;
      const text = JSON.stringify({ form: s.form, lines: s.assessment?.lines });
      for (const name of people) {
        if (members.has(name) || !text.includes(name)) continue;
        strangers.push(`${t.manifest.id}: ${name}`);
      }
    }
    expect(strangers).toEqual([]);
  });

  it('a 通知书 or 告知书 calls itself so, never 本决定书', () => {
    const wrong = templates
      .filter((t) => /(通知书|告知书)$/.test(t.manifest.title) && t.body.includes('本决定书'))
      .map((t) => t.manifest.id);
    expect(wrong).toEqual([]);
  });

  it('the family is told to report to the township organ by name, not to a kind of office', () => {
    // What remains once the fallbacks for data without a township ({{else}} branches) are set aside.
    const named = (body: string) => body.replace(/\{\{else\}\}[^{]*\{\{\/if\}\}/g, '');
    const wrong = templates
      .filter((t) => /(告知|由)乡镇人民政府（街道办事处）/.test(named(t.body)))
      .map((t) => t.manifest.id);
    expect(wrong).toEqual([]);
  });

  it('a legal basis entered in a sample cites at least what the template cites by default', () => {
    const articles = (s: string) =>
      new Set(
        [...s.matchAll(/(《[^》]+》)|第[一二三四五六七八九十]+条/g)]
          .map((m) => m[0])
          .filter((x) => x.startsWith('第')),
      );
    const dropped: string[] = [];
    for (const t of templates) {
      const entered = sampleOf(t).form?.legalBasis;
      if (typeof entered !== 'string') continue;
      const own = articles(entered);
      for (const a of articles(t.manifest.legalBasis))
        if (!own.has(a) && !/至/.test(entered)) dropped.push(`${t.manifest.id}: ${a}`);
      // The template prints the region's instrument itself beside an entered basis.
      if (t.manifest.legalBasis.includes('{{instrument') && !/instrument "/.test(t.body))
        dropped.push(`${t.manifest.id}: the provincial instrument`);
    }
    expect(dropped).toEqual([]);
  });

  it.each([
    ['tekun-non-confirmation-decision', /《社会救助暂行办法》第十四条/, /《特困人员认定办法》第四条/],
    ['tekun-confirmation-notice', /《社会救助暂行办法》第十四条/, /《特困人员认定办法》第四条/],
    ['gradual-exit-notice', /《社会救助暂行办法》第十三条/, /《最低生活保障审核确认办法》第三十三条/],
  ])('%s cites the substantive rule it applies', (id, a, b) => {
    const basis = byId(id).manifest.legalBasis;
    expect(basis).toMatch(a);
    expect(basis).toMatch(b);
  });

  it('a 责令退回 is ordered under 暂行办法第六十八条; the 行政处罚法 is not its basis', async () => {
    expect(byId('recovery-prior-notice').manifest.legalBasis).not.toContain('行政处罚法');
    const text = await rendered('recovery-prior-notice');
    expect(text).not.toContain('行政处罚法');
    expect(text).not.toContain('视情况');
    expect(text).toContain('在本机关作出决定前，你有权进行陈述和申辩');
  });

  it('posted notices print no ID number, masked or not', () => {
    const wrong = templates
      .filter((t) => t.manifest.delivery === 'posted' && /idNumber/.test(t.body))
      .map((t) => t.manifest.id);
    expect(wrong).toEqual([]);
  });

  it('nobody under eighteen signs as an adult; a guardian signs for a minor', async () => {
    const text = await rendered('family-declaration');
    expect(text).not.toContain('成年家庭成员签字姓名');
    expect(text).toContain('未成年家庭成员由其监护人代为签字并注明');
  });

  it('a name is printed once, and a parenthesis does not hold a full stop', async () => {
    const text = await rendered('job-refusal-decision');
    expect(text).toContain(
      '你家庭成员刘建平（45岁，身体健康，有劳动能力，处于失业状态）有下列拒绝就业的情形',
    );
    expect(text).not.toMatch(/。）/);
    expect(text).toContain('2026年8月3日，县城物流公司装卸工');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('a refusal to accept states the decision, then where to apply', async () => {
    for (const id of ['non-acceptance-notice', 'tekun-non-acceptance-notice']) {
      const text = await rendered(id);
      expect(text).toContain(
        '的规定，本机关决定不予受理。请你向户籍所在地乡镇人民政府（街道办事处）提出申请。',
      );
      expect(text).not.toMatch(/提出申请，根据/);
    }
  });

  it('an entrusted approval is stated once, and 3000 yuan is above the township limit so the county approves', async () => {
    const form = sampleOf(byId('linshi-approval-form')).form!;
    expect(Number(form.amount)).toBeGreaterThan(Number(form.townshipApprovalLimit));
    expect(sampleOf(byId('linshi-grant-decision')).form!.approvalLevel).toBe('county');
    for (const id of ['linshi-refusal-decision', 'linshi-grant-decision']) {
      const t = byId(id);
      const data = structuredClone(t.manifest.sample) as { form: Record<string, unknown> };
      data.form.approvalLevel = 'township';
      const markup = t.renderMarkup(data);
      expect({ id, mentions: markup.match(/受本机关委托/g)?.length }).toEqual({ id, mentions: 1 });
      expect(markup).toContain('受本机关委托审批作出，其法律后果由本机关承担');
    }
  });

  it('the figures of a sample follow from each other', async () => {
    // 增发: per-capita income 300 → 80 against the county's rural standard of 650 for 3 persons = 1710.
    expect(await rendered('benefit-increase-decision')).toContain(
      '家庭月收入由约900元减少至申请人王淑芬手工编织收入约240元，家庭月人均收入由300.00元下降至80.00元',
    );
    expect(sampleOf(byId('benefit-increase-decision')).form!.newAmount).toBe((650 - 80) * 3 * 100);
    // The 初审意见's 计算明细 is this household's: 900 yuan for 3 persons, standard 650, 1050 a month.
    const opinion = await rendered('first-instance-opinion');
    expect(opinion).toContain('家庭月人均收入（900.00元÷3人）300.00');
    expect(opinion).toContain('1050.00');
    expect(opinion).not.toMatch(/王建国|刘秀英|462\.67|780\.00/);
    // The 特困 declaration states the deposit the 信息核对 found.
    expect(await rendered('tekun-declaration')).toContain('银行存款约2300元');
    expect(await rendered('tekun-investigation-record')).toContain('银行存款合计2300元');
  });

  it('dates run forward: the fire, the 先行救助 the next day, the 补办 after it; termination from the next month', () => {
    const reg = sampleOf(byId('linshi-emergency-register'));
    const done = sampleOf(byId('linshi-completion-record'));
    expect(reg.case!.caseNo).toBe(done.case!.caseNo);
    expect(reg.form!.grantDate).toBe(done.form!.grantDate);
    const fire = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(String(reg.form!.hardship))!;
    const fireDate = `${fire[1]}-${fire[2]!.padStart(2, '0')}-${fire[3]!.padStart(2, '0')}`;
    expect(fireDate < String(reg.form!.grantDate)).toBe(true);
    expect(String(done.form!.grantDate) < String(done.form!.completionDate)).toBe(true);
    // 特困人员认定办法第二十六条: terminated from the month after the decision (issued 2026-11-23).
    expect(sampleOf(byId('tekun-termination-decision')).form!.startMonth).toBe('2026-12');
  });

  it('the 听证 is chaired by someone who did not investigate the case', () => {
    const investigators = new Set<string>();
    for (const t of templates) {
      const f = sampleOf(t).form ?? {};
      for (const k of ['investigators', 'handlers', 'signatories'])
        if (Array.isArray(f[k])) (f[k] as string[]).forEach((n) => investigators.add(n));
    }
    const host = String(sampleOf(byId('penalty-decision')).form!.hearingHost);
    expect([...investigators].filter((n) => host.includes(n))).toEqual([]);
  });

  it('a decision states its 公示 once, and says who will help', async () => {
    const text = await rendered('tekun-termination-decision');
    expect(text.match(/公示七天/g)).toHaveLength(1);
    expect(text).not.toContain('由其依法');
    expect(text).toContain('平安县城关镇人民政府发现你符合条件的，将依法主动帮助你办理');
  });
});

describe('a form records what was done, not the alternatives', () => {
  it('the 公示异议处理记录 names the way the objection was handled; the 审批表 says why the county approves', async () => {
    const record = await rendered('public-notice-objection-record');
    expect(record).not.toContain('复查或评议');
    expect(record).toContain('二、重新调查结果');
    expect(record).toContain('根据重新调查结果，由平安县城关镇人民政府重新提出初审意见');
    const form = await rendered('linshi-approval-form');
    expect(form).not.toContain('或未拟定金额');
    expect(form).toContain('救助金额超过委托乡镇审批额度（1000.00元），由平安县民政局审批');
  });
});

describe('the 法制审核 leftovers (issue 17)', () => {
  it('a township letter to the county 民政 organ is addressed to it by name, not to a description', async () => {
    const text = await rendered('verification-request-letter');
    expect(text).toContain('平安县民政局：');
    expect(text).not.toContain('县级人民政府民政部门（');
  });

  it('a village is a place and its committee an organ: the 公示 names the place, the copy goes to the committee', async () => {
    const wrong = templates
      .map(
        (t) =>
          [
            t.manifest.id,
            (t.manifest.sample as { village?: { name?: string; committeeName?: string } }).village,
          ] as const,
      )
      .filter(
        ([, v]) =>
          v &&
          (/委员会$/.test(v.name ?? '') ||
            (v.committeeName && !/(村|社区)(村|居)民委员会$/.test(v.committeeName))),
      )
      .map(([id]) => id);
    expect(wrong).toEqual([]);
    const decision = await rendered('tekun-termination-decision');
    expect(decision).toContain('并在东关村公示七天');
    expect(decision).toContain('抄送：东关村村民委员会');
    expect(await rendered('public-notice')).toContain('现将东关村最低生活保障初审结果公示如下');
  });

  it('a 信函索证函 identifies the person it asks about, and only that person', async () => {
    const t = byId('evidence-request-letter');
    const sample = t.manifest.sample as { applicant: { idNumber: string }; subject: { idNumber: string } };
    const text = await rendered('evidence-request-letter');
    expect(text).toContain(`李建国${sample.subject.idNumber}`);
    expect(text).not.toContain(sample.applicant.idNumber);
    expect(text).not.toContain('平安县城关镇东关村三组18号'); // nor the applicant's address
    expect(t.body).not.toMatch(/applicant\.(idNumber|address)/);
  });
});

describe('the region’s own instruments in the samples (issue 17 L7)', () => {
  const lowIncome = templates.filter((t) => instrumentsUsed(t).includes('lowIncome'));

  it('every 低收入 document and the templates shared with it cite the province’s 认定办法 from the data', () => {
    expect(lowIncome.map((t) => t.manifest.id).sort()).toEqual([
      'acceptance-notice',
      'ineligibility-notice',
      'low-income-authorization',
      'low-income-recognition-notice',
      'low-income-refusal-decision',
      'low-income-review-opinion',
      'non-acceptance-notice',
      'supplement-notice',
    ]);
  });

  it.each(templates.map((t) => t.manifest.id))(
    '%s: its sample sets what it cites and renders without 【待设置】, for the 低收入 program too',
    async (id) => {
      const t = byId(id);
      expect(t.renderMarkup(structuredClone(t.manifest.sample))).not.toContain('待设置');
      // Those citing it, as served (the PDF), too.
      if (instrumentsUsed(t).length) expect(await rendered(id)).not.toContain('待设置');
      const asLowIncome = structuredClone(t.manifest.sample) as Sample;
      if (asLowIncome.case) asLowIncome.case.programName = '低收入人口认定';
      expect(t.renderMarkup(asLowIncome)).not.toContain('待设置');
    },
  );

  it.each(['low-income-recognition-notice', 'low-income-refusal-decision', 'acceptance-notice'])(
    '%s prints the instrument the data gives, and the unset mark naming the parameter without it',
    (id) => {
      const t = byId(id);
      const sample = structuredClone(t.manifest.sample) as Sample & { instruments?: unknown };
      if (sample.case) sample.case.programName = '低收入人口认定';
      sample.instruments = { lowIncome: '《某省低收入人口认定办法》（某民规〔2024〕3号）第九条' };
      expect(t.renderMarkup(sample)).toContain('《某省低收入人口认定办法》（某民规〔2024〕3号）第九条');
      delete sample.instruments;
      expect(t.renderMarkup(sample)).toContain(unsetInstrumentMark('lowIncome'));
      expect(unsetInstrumentMark('lowIncome')).toContain('lowIncomeInstrument');
    },
  );
});

/** 2026年11月6日 → 2026-11-06, each date a text states, in order. */
const datesIn = (text: string) =>
  [...text.matchAll(/(\d{4})年(\d{1,2})月(\d{1,2})日/g)].map(
    (m) => `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`,
  );
const issuedOn = (id: string) => sampleIssuedAt(byId(id).manifest.sample).toISOString().slice(0, 10);
const yuan = (s: string) => Math.round(Number(s) * 100);
type Assessed = {
  standard: string;
  perCapita: string;
  benefit: string;
  lines: { label: string; amount: string }[];
};

describe('one set of samples, one story (issue 17 L13)', () => {
  it.each([
    ['penalty-prior-notice', 'penalty-decision'],
    ['recovery-prior-notice', 'recovery-decision'],
  ])('%s precedes the replies to it, and %s states its 文号 and service', async (prior, decision) => {
    const notice = sampleOf(byId(prior)) as Sample & { document: { number: string } };
    const form = sampleOf(byId(decision)).form!;
    const replies = datesIn(`${String(form.statementSummary ?? '')}${String(form.hearingDate ?? '')}`).concat(
      typeof form.hearingDate === 'string' ? [form.hearingDate] : [],
    );
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies) {
      expect({ reply, after: issuedOn(prior) < reply }).toEqual({ reply, after: true });
      expect({ reply, before: reply < issuedOn(decision) }).toEqual({ reply, before: true });
    }
    const text = await rendered(decision);
    expect(text).toContain(notice.document.number);
    expect(String(form.priorNoticeServedDate) >= issuedOn(prior)).toBe(true);
    expect(datesIn(text)).toContain(String(form.priorNoticeServedDate));
  });

  it('a 临时救助 grant is decided after its 公示 ends', () => {
    const notice = byId('linshi-public-notice').manifest.sample as { publicNotice?: { endDate?: string } };
    expect(notice.publicNotice?.endDate).toBeDefined();
    expect(notice.publicNotice!.endDate! < issuedOn('linshi-grant-decision')).toBe(true);
  });

  it('alternative outcomes are different cases: one 核查 (or 特困 case) decides one thing', () => {
    const families: Record<string, string[]> = {
      dibaoChange: [
        'benefit-increase-decision',
        'benefit-decrease-decision',
        'benefit-stop-decision',
        'gradual-exit-notice',
        'job-refusal-decision',
      ],
      tekun: [
        'tekun-confirmation-notice',
        'tekun-non-confirmation-decision',
        'tekun-termination-decision',
        'tekun-continuation-notice',
      ],
      fraud: ['penalty-decision', 'recovery-decision'],
    };
    const clash: string[] = [];
    for (const ids of Object.values(families)) {
      const seen = new Map<string, string>();
      for (const id of ids) {
        const s = sampleOf(byId(id));
        for (const key of [s.case?.caseNo, s.form?.parentCaseNo as string | undefined, s.applicant?.name]) {
          if (!key) continue;
          if (seen.has(key)) clash.push(`${id} and ${seen.get(key)} share ${key}`);
          seen.set(key, id);
        }
      }
    }
    expect(clash).toEqual([]);
  });

  it.each([
    'benefit-increase-decision',
    'benefit-decrease-decision',
    'benefit-stop-decision',
    'gradual-exit-notice',
  ])(
    '%s prints its calculation, and its figures compute (standard × persons − income = 补差, + 分类施保)',
    async (id) => {
      const s = byId(id).manifest.sample as {
        assessment?: Assessed;
        household: { size: number };
        form: Record<string, unknown>;
      };
      expect(s.assessment).toBeDefined();
      const a = s.assessment!;
      const income = a.lines.find((l) => l.label === '家庭月收入');
      expect(income).toBeDefined();
      const persons = s.household.size;
      expect(Math.abs(yuan(a.perCapita) - Math.round(yuan(income!.amount) / persons))).toBeLessThanOrEqual(1);
      const gap = Math.max(0, yuan(a.standard) * persons - yuan(income!.amount));
      const extra = a.lines
        .filter((l) => l.label.includes('分类施保'))
        .reduce((n, l) => n + yuan(l.amount), 0);
      const eligible = yuan(a.perCapita) < yuan(a.standard);
      expect(yuan(a.benefit)).toBe(eligible ? gap + extra : 0);
      const form = s.form!;
      if (id === 'benefit-increase-decision' || id === 'benefit-decrease-decision')
        expect(form.newAmount).toBe(yuan(a.benefit));
      const text = await rendered(id);
      expect(text).toContain(`保障标准每人每月${a.standard}元`);
      expect(text).toContain(`家庭月人均收入${a.perCapita}元`);
    },
  );

  it('a household is paid one amount: what a decision says it was paid, and a recovery sums it', () => {
    const paid = new Map<string, number[]>();
    for (const t of templates) {
      const f = sampleOf(t).form ?? {};
      if (typeof f.parentCaseNo === 'string' && typeof f.currentAmount === 'number')
        paid.set(f.parentCaseNo, [...(paid.get(f.parentCaseNo) ?? []), f.currentAmount]);
    }
    const wrong: string[] = [];
    for (const t of templates) {
      const f = sampleOf(t).form ?? {};
      const total = (f.wronglyPaidAmount ?? f.fraudAmount) as number | undefined;
      const monthly = paid.get(String(f.parentCaseNo));
      if (total === undefined || !monthly || !f.periodFrom || !f.periodTo) continue;
      const [fy, fm] = String(f.periodFrom).split('-').map(Number);
      const [ty, tm] = String(f.periodTo).split('-').map(Number);
      const months = (ty! - fy!) * 12 + tm! - fm! + 1;
      for (const m of monthly)
        if (m * months !== total) wrong.push(`${t.manifest.id}: ${total} ≠ ${m} × ${months}`);
    }
    expect(wrong).toEqual([]);
  });

  it('one standard for one place and date: the samples state the county’s rural standard, 650 元', () => {
    const wrong: string[] = [];
    for (const t of templates) {
      const s = JSON.stringify(t.manifest.sample);
      const a = (t.manifest.sample as { assessment?: { standard?: string } }).assessment;
      if (a?.standard && a.standard !== '650.00') wrong.push(`${t.manifest.id}: assessment ${a.standard}`);
      for (const m of s.matchAll(/最低生活保障标准[（(]?(?:每人每月)?(\d+(?:\.\d+)?)元/g))
        if (Number(m[1]) !== 650) wrong.push(`${t.manifest.id}: ${m[0]}`);
      if (/城乡最低生活保障标准（/.test(s)) wrong.push(`${t.manifest.id}: a 城乡 standard`);
    }
    expect(wrong).toEqual([]);
  });

  it('a township organ does not write 本县: it says 本地 or names the county', () => {
    const wrong: string[] = [];
    for (const t of templates.filter((x) => x.manifest.issuer === 'township')) {
      if (t.body.includes('本县') || JSON.stringify(t.manifest.sample).includes('本县'))
        wrong.push(t.manifest.id);
    }
    expect(wrong).toEqual([]);
  });

  it('a refusal’s reason follows from its facts', () => {
    const form = sampleOf(byId('linshi-refusal-decision')).form!;
    const facts = String(form.facts);
    for (const concept of ['刚性支出', '存款', '收入', '财产'])
      if (String(form.reasons).includes(concept))
        expect({ concept, stated: facts.includes(concept) }).toEqual({ concept, stated: true });
  });

  it('a family is told in plain words: no internal category, no registration number', async () => {
    const text = await rendered('warning-policy-notice');
    expect(text).not.toMatch(/登记编号|[A-Z]{2,5}-\d{4}-\d{6}/);
    expect(text).not.toMatch(/“[^”]*（[^”]*）”情况/);
  });

  it('a 信函索证函 says where to reply and whom to call', async () => {
    const s = byId('evidence-request-letter').manifest.sample as Sample & {
      issuer: { address: string; phone?: string };
      form: { contactPhone?: string };
    };
    const text = await rendered('evidence-request-letter');
    expect(text).toContain(`联系地址：${s.issuer.address}`);
    expect(s.form.contactPhone).toBeDefined();
    expect(text).toContain(`联系人：${String(s.form.contactPerson)}（联系电话：${s.form.contactPhone}）`);
  });

  it('an investigation record does not say no neighbour was visited when the visit is recorded on its own', () => {
    const wrong = templates.filter((t) => t.body.includes('本次未开展邻里访问')).map((t) => t.manifest.id);
    expect(wrong).toEqual([]);
  });
});
