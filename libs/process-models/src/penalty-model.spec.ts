/**
 * The 行政处罚 procedure for 骗取社会救助 (processes/fraud-penalty.bpmn): validated, linted like a
 * deploy, and run in memory through every path. The fine check runs the real pure rule
 * (`fraudFineProblem`, `isLargeFine`), so the paths below are the ones the host takes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fraudFineProblem, isLargeFine } from '@app/assessment';
import { lintLegalCompleteness } from './legal-lint';
import { readProcessInfo } from './process-info';
import { runModel, type FakeService, type Script } from './testing/run-model';
import { modelLintOptions } from './testing/lint-options';
import { validateModel, type BpmnElement } from './validate-model';
import { expectEveryElementDrawn, expectUserTasksStaffed } from './testing/model-structure';

const SOURCE = readFileSync(join(__dirname, '../../../processes/fraud-penalty.bpmn'), 'utf8');
const THRESHOLD_FEN = 500_000;

const TEMPLATE_NEEDS: Record<string, string[]> = {
  'penalty-prior-notice': [
    'facts',
    'fraudAmount',
    'periodFrom',
    'periodTo',
    'proposedFine',
    'fineReasons',
    'hearingRight',
  ],
  'penalty-decision': [
    'facts',
    'violationEvidence',
    'fraudAmount',
    'fineAmount',
    'paymentMethod',
    'repayDeadline',
    'reasons',
    'statementReceived',
  ],
  'service-receipt': ['serviceMethod', 'serviceDate', 'recipient', 'servers', 'serviceAddress'],
};

const num = (v: unknown) => (typeof v === 'number' ? v : Number.NaN);
const SERVICES: Record<string, FakeService> = {
  // The host's handler without the database: the same rule, the threshold given here.
  'penalty.assess': (v, info) => {
    if (info.action === 'decide') {
      if (v.penaltyDecision !== 'impose') return {};
      const problem = fraudFineProblem(num(v.fraudAmount), num(v.fineAmount), num(v.proposedFine));
      return problem ? new Error(problem) : {};
    }
    const problem = fraudFineProblem(num(v.fraudAmount), num(v.proposedFine));
    if (problem) return new Error(problem);
    return {
      hearingRight: isLargeFine(num(v.proposedFine), THRESHOLD_FEN),
      largeFineThreshold: THRESHOLD_FEN,
    };
  },
  'benefit.apply': () => ({}),
};

const run = (start: Record<string, unknown>, script: Script) =>
  runModel(
    SOURCE,
    { templateNeeds: TEMPLATE_NEEDS, knownTemplatesOnly: true, services: SERVICES },
    start,
    script,
  );

const served = {
  serviceMethod: 'direct',
  serviceDate: '2026-12-01',
  recipient: '张秀兰',
  servers: ['王五', '赵六'],
  serviceAddress: '平安县城关镇东关村三组18号',
};
const START = {
  applicantName: '张秀兰',
  regionCode: '410799100201',
  facts: '经查，申请人隐瞒配偶务工收入。',
  fraudAmount: '1686',
  periodFrom: '2026-01-01',
  periodTo: '2026-03-31',
};
const investigated = {
  investigators: ['王五', '赵六'],
  investigationFindings: '调取工资发放记录，务工收入属实',
  violationEvidence: '工资发放记录、社会保险缴费记录',
  fraudAmount: '1686',
};
const statement = { statementReceived: true, statementSummary: '申辩理由不成立', hearingRequested: false };
const decision = {
  penaltyDecision: 'impose',
  fineAmount: '1686',
  paymentMethod: '到指定的代收银行',
  repayDeadline: '2099-01-31',
  stopBenefits: true,
  reasons: '隐瞒收入骗取最低生活保障金，事实清楚',
};
const DOCS = ['penalty-prior-notice', 'service-receipt', 'penalty-decision', 'service-receipt'];

describe('processes/fraud-penalty.bpmn', () => {
  let definitions: BpmnElement;
  beforeAll(async () => {
    const options = modelLintOptions();
    const report = await validateModel(SOURCE, options);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    definitions = report.definitions as BpmnElement;
    expect(lintLegalCompleteness(definitions, options)).toEqual({ errors: [], warnings: [] });
  });

  it('is a county procedure on 低保, 特困 and 临时救助 cases with case numbers XZCF-…', () => {
    expect(readProcessInfo(definitions)).toMatchObject({
      key: 'fraud-penalty',
      kind: 'procedure',
      caseNoPrefix: 'XZCF',
      appliesTo: ['dibao', 'tekun', 'linshi'],
    });
    expectEveryElementDrawn(definitions);
    expectUserTasksStaffed(definitions, { legalBasis: true });
  });

  it('a fine below 较大数额: notice without hearing, decision, stop', async () => {
    const result = await run(START, {
      Task_Investigate: [investigated],
      Task_ProposePenalty: [{ proposedFine: '3000', fineReasons: '初次违法' }],
      Task_ServePriorNotice: [served],
      Task_RecordStatement: [statement],
      Task_CountyDecision: [{ ...decision, fineAmount: '2500' }],
      Task_ServeDecision: [served],
    });
    expect(result.issued).toEqual(DOCS);
    expect(result.outcome).toBe('penalized');
    expect(result.variablesAtIssue['penalty-prior-notice']).toMatchObject({
      hearingRight: false,
      proposedFine: 300000,
    });
    expect(result.tasks.map((t) => t.id)).not.toContain('Task_Hearing');
    expect(result.services.map((s) => s.service)).toContain('benefit.apply');
  });

  it('a 较大数额 fine the party asks a hearing on: the hearing is held before the decision', async () => {
    const result = await run(
      { ...START, fraudAmount: '3000' },
      {
        Task_Investigate: [{ ...investigated, fraudAmount: '3000' }],
        Task_ProposePenalty: [{ proposedFine: '6000', fineReasons: '多次虚报' }],
        Task_ServePriorNotice: [served],
        Task_RecordStatement: [{ ...statement, hearingRequested: true }],
        Task_Hearing: [
          {
            hearingNoticeDate: '2026-12-03',
            hearingDate: '2026-12-10',
            hearingHost: '法制审核员 王明',
            hearingRecord: '当事人到场陈述，未提出新证据',
          },
        ],
        Task_CountyDecision: [{ ...decision, fineAmount: '6000', stopBenefits: false }],
        Task_ServeDecision: [served],
      },
    );
    expect(result.variablesAtIssue['penalty-prior-notice']).toMatchObject({ hearingRight: true });
    expect(result.tasks.map((t) => t.id)).toEqual([
      'Task_Investigate',
      'Task_ProposePenalty',
      'Task_ServePriorNotice',
      'Task_RecordStatement',
      'Task_Hearing',
      'Task_CountyDecision',
      'Task_ServeDecision',
    ]);
    expect(result.variablesAtIssue['penalty-decision']).toMatchObject({
      hearingDate: '2026-12-10',
      fineAmount: 600000,
    });
    expect(result.services.map((s) => s.service)).not.toContain('benefit.apply');
  });

  it('asks no hearing when the fine is not 较大数额, even if the party requests one', async () => {
    const result = await run(START, {
      Task_Investigate: [investigated],
      Task_ProposePenalty: [{ proposedFine: '1686', fineReasons: '初次违法' }],
      Task_ServePriorNotice: [served],
      Task_RecordStatement: [{ ...statement, hearingRequested: true }],
      Task_CountyDecision: [{ ...decision, penaltyDecision: 'none', stopBenefits: false }],
    });
    expect(result.tasks.map((t) => t.id)).not.toContain('Task_Hearing');
    expect(result.issued).toEqual(['penalty-prior-notice', 'service-receipt']);
    expect(result.outcome).toBe('not-penalized');
  });

  it.each([
    ['a proposed fine below once the amount', { proposedFine: '1685.99' }, {}, '不在骗取款额'],
    ['a proposed fine above three times', { proposedFine: '5058.01' }, {}, '不在骗取款额'],
    [
      'a decided fine above the notice',
      { proposedFine: '2000' },
      { fineAmount: '2500' },
      '不得因当事人陈述、申辩而加重处罚',
    ],
  ])('refuses %s', async (_label, proposal, decided, message) => {
    await expect(
      run(START, {
        Task_Investigate: [investigated],
        Task_ProposePenalty: [{ fineReasons: '初次违法', ...proposal }],
        Task_ServePriorNotice: [served],
        Task_RecordStatement: [statement],
        Task_CountyDecision: [{ ...decision, ...decided }],
        Task_ServeDecision: [served],
      }),
    ).rejects.toThrow(message);
  });
});
