import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadTemplate, renderDocument } from '@app/documents';
import type { LoadedTemplate } from '@app/documents';
import { ANSWER_TEMPLATE_ID, AnswerInput, answerData, cnDate, orderedSteps } from './answer';
import { auditSummary } from './bundle';

const INPUT: AnswerInput = {
  organ: {
    name: '平安县城关镇人民政府',
    reviewGovernment: '平安县人民政府',
    address: '平安县城关镇府前街1号',
  },
  applicantName: '王建国',
  caseNo: 'DIBAO-2026-000001',
  programName: '最低生活保障',
  decision: {
    title: '最低生活保障确认通知书',
    number: '平城民低确〔2026〕1号',
    issuedOn: '2026-12-15',
    facts: '申请人家庭月人均收入低于当地保障标准。。',
    reasons: '',
    legalBasis: '《社会救助暂行办法》第九条；',
  },
  servedOn: '2026-12-16',
  applicationReceivedOn: '2026-12-20',
  steps: [
    { date: '2026-12-15', text: '制作《确认通知书》' },
    { date: '2026-11-20', text: '申请人提出申请。' },
    { date: '2026-12-15', text: '办理“审核确认”' },
  ],
  evidence: ['《最低生活保障确认通知书》（平城民低确〔2026〕1号）'],
  answeredOn: '2026-12-21',
};

const TEMPLATES = resolve(__dirname, '../../../templates');
const workDir = mkdtempSync(join(tmpdir(), 'answer-'));

/** The 答复书 as the bundle renders it, through the documents library, as text without line breaks. */
async function answerText(template: LoadedTemplate, input: AnswerInput = INPUT): Promise<string> {
  const pdf = await renderDocument({
    template,
    data: answerData(input),
    issuedAt: new Date('2026-12-21T09:00:00+08:00'),
    verifyCode: input.caseNo,
    verifyUrl: input.caseNo,
  });
  const file = join(workDir, `${Math.random().toString(36).slice(2, 8)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
    .replace(/验证码：\S+\s*查验：\S+/g, '')
    .replace(/—\s*\d+\s*—/g, '')
    .replace(/\s+/g, '');
}

describe('the 行政复议答复书 template', () => {
  const template = loadTemplate(join(TEMPLATES, ANSWER_TEMPLATE_ID), ANSWER_TEMPLATE_ID);
  let body: string;
  beforeAll(async () => {
    body = await answerText(template);
  });

  it.each([
    ['2026-12-06', '2026年12月6日'],
    ['2027-01-31', '2027年1月31日'],
    ['not a date', 'not a date'],
  ])('cnDate(%s) = %s', (iso, cn) => expect(cnDate(iso)).toBe(cn));

  it('cites the 2023 行政复议法 article on the ten-day written reply, as template data', () => {
    expect(template.manifest.legalBasis).toBe('《中华人民共和国行政复议法》第四十八条');
    expect(body).toContain(
      '现依照《中华人民共和国行政复议法》第四十八条的规定，自收到之日起十日内提出书面答复如下',
    );
  });

  it('names the organ as 答复人, the 复议机关 as addressee, and the day the copy was received', () => {
    expect(body).toContain('答复人：平安县城关镇人民政府住所：平安县城关镇府前街1号');
    expect(body).toContain(
      '不服答复人于2026年12月15日作出的《最低生活保障确认通知书》（平城民低确〔2026〕1号），向平安县人民政府申请行政复议',
    );
    expect(body).toContain('答复人于2026年12月20日收到行政复议申请书副本');
    expect(body).toContain('于2026年12月16日依法送达申请人');
    expect(body).toContain('此致平安县人民政府答复人：平安县城关镇人民政府（盖章）2026年12月21日');
  });

  it("leaves the answer to the applicant's own reasons to the legal officer, marked so it cannot be missed", () => {
    expect(body).toContain('五、对申请人行政复议请求和理由的意见【待填写：');
    expect(body).toContain('六、答复意见综上');
  });

  it('ends inserted free text with exactly one full stop', () => {
    expect(body).not.toMatch(/。。|；。/);
    expect(body).toContain('认定：申请人家庭月人均收入低于当地保障标准。答复人据此作出');
    expect(body).toContain('所适用的依据为《社会救助暂行办法》第九条。');
  });

  it('numbers the steps in date order, same-day steps as recorded', () => {
    expect(orderedSteps(INPUT.steps).map((s) => s.text)).toEqual([
      '申请人提出申请',
      '制作《确认通知书》',
      '办理“审核确认”',
    ]);
    expect(body).toContain('（1）2026年11月20日，申请人提出申请。（2）2026年12月15日，制作《确认通知书》。');
    expect(body).toContain('（3）2026年12月15日，办理“审核确认”。');
  });

  it('leaves out what the case does not have: no 送达 date, no facts entered', async () => {
    const text = await answerText(template, {
      ...INPUT,
      servedOn: null,
      decision: { ...INPUT.decision, facts: '  ' },
    });
    expect(text).not.toContain('依法送达申请人');
    expect(text).toContain('认定的事实见所附决定书及家庭经济状况计算明细');
  });
});

describe('auditSummary', () => {
  it.each([
    [null, ''],
    [{ number: null, elementId: 'Task_Issue' }, 'number: null; elementId: Task_Issue'],
    [{ after: { eligible: true } }, 'after: { "eligible": true }'],
  ])('prints %j as %s', (detail, text) => expect(auditSummary(detail)).toBe(text));

  it('splits a long token so the cell can wrap, and cuts the cell at 200 characters', () => {
    const hash = 'a'.repeat(64);
    expect(auditSummary({ pdfSha256: hash })).toBe(
      `pdfSha256: ${'a'.repeat(20)} ${'a'.repeat(20)} ${'a'.repeat(20)} aaaa`,
    );
    expect(auditSummary({ note: '字'.repeat(300) })).toHaveLength(200);
  });
});
