import { AnswerInput, answerText, cnDate, orderedSteps } from './answer';
import { auditSummary } from './bundle';

const INPUT: AnswerInput = {
  organ: {
    name: '平安县城关镇人民政府',
    reviewGovernment: '平安县人民政府',
    address: '平安县城关镇府前路1号',
  },
  applicantName: '王建国',
  caseNo: 'DB-2026-0001',
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
    { date: '2026-11-20', text: '申请人提出申请' },
    { date: '2026-12-15', text: '办理“审核确认”' },
  ],
  evidence: ['《最低生活保障确认通知书》（平城民低确〔2026〕1号）'],
  answeredOn: '2026-12-21',
};

describe('answerText', () => {
  const answer = answerText(INPUT);
  const body = answer.paragraphs.map((p) => p.text).join('\n');

  it.each([
    ['2026-12-06', '2026年12月6日'],
    ['2027-01-31', '2027年1月31日'],
    ['not a date', 'not a date'],
  ])('cnDate(%s) = %s', (iso, cn) => expect(cnDate(iso)).toBe(cn));

  it('names the organ as 答复人, the 复议机关 as addressee, and the day the copy was received', () => {
    expect(answer.respondent[0]).toBe('答复人：平安县城关镇人民政府');
    expect(answer.closing).toEqual(['此致', '平安县人民政府']);
    expect(body).toContain('向平安县人民政府申请行政复议');
    expect(body).toContain('答复人于2026年12月20日收到行政复议申请书副本');
    expect(body).toContain('于2026年12月16日依法送达申请人');
    expect(answer.signature).toEqual(['答复人：平安县城关镇人民政府（盖章）', '2026年12月21日']);
  });

  it('ends inserted free text with exactly one full stop', () => {
    expect(body).not.toMatch(/。。|；。/);
    expect(body).toContain('低于当地保障标准。');
    expect(body).toContain('依据：《社会救助暂行办法》第九条。');
  });

  it('numbers the steps in date order, same-day steps as recorded', () => {
    expect(orderedSteps(INPUT.steps).map((s) => s.text)).toEqual([
      '申请人提出申请',
      '制作《确认通知书》',
      '办理“审核确认”',
    ]);
    expect(body).toContain('（1）2026年11月20日，申请人提出申请。');
    expect(body).toContain('（3）2026年12月15日，办理“审核确认”。');
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
