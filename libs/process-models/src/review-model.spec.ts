/**
 * The 动态管理 models (processes/dibao-review.bpmn, processes/job-refusal.bpmn), validated, linted
 * and then run in memory with bare bpmn-engine through every path (testing/run-model.ts drives the
 * engine the way the host must). `benefit.plan` and `benefit.apply` are stood in for by recorders.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateFormData } from './form-validation';
import { lintLegalCompleteness } from './legal-lint';
import { readProcessInfo } from './process-info';
import { runModel, type FakeService, type FormInput, type Script, type Variables } from './testing/run-model';
import { validateModel, type BpmnElement } from './validate-model';
import { expectEveryElementDrawn, expectUserTasksStaffed } from './testing/model-structure';

const read = (name: string) => readFileSync(join(__dirname, '../../../processes', name), 'utf8');
const REVIEW = read('dibao-review.bpmn');
const JOB = read('job-refusal.bpmn');

const TEMPLATES = [
  'periodic-review-record',
  'benefit-increase-decision',
  'benefit-decrease-decision',
  'benefit-stop-decision',
  'gradual-exit-notice',
  'job-refusal-decision',
  'service-receipt',
];
const REMEDY = TEMPLATES.filter((t) => t !== 'periodic-review-record' && t !== 'service-receipt');
const SERVICES = ['document.issue', 'benefit.plan', 'benefit.apply'];

/** Variables each template reads; issuing without them fails the run. */
const TEMPLATE_NEEDS: Record<string, string[]> = {
  'periodic-review-record': ['trigger', 'investigators', 'visitDate', 'findings'],
  'benefit-increase-decision': ['newAmount', 'effectiveMonth', 'facts', 'reasons'],
  'benefit-decrease-decision': ['currentAmount', 'newAmount', 'effectiveMonth', 'facts', 'reasons'],
  'benefit-stop-decision': ['effectiveMonth', 'facts', 'reasons'],
  'gradual-exit-notice': [
    'newAmount',
    'effectiveMonth',
    'gradualExitMonths',
    'gradualExitUntil',
    'gradualExitEndDate',
  ],
  'job-refusal-decision': ['personName', 'refusals', 'jobDecision', 'newAmount', 'effectiveMonth', 'reasons'],
  'service-receipt': ['serviceMethod', 'serviceDate', 'recipient', 'servers', 'serviceAddress'],
};

/** Read as one sequence of steps, because what matters here is which document comes before which benefit change. */
interface RunResult {
  /** A document by its template, any other service as `service:action`. */
  steps: string[];
  tasks: string[];
  outcome?: string;
  variablesAt: Record<string, Variables>;
}

// benefit.plan's outputs, as the host assigns them.
const plan: FakeService = (variables, { action }) => {
  if (action === 'check-person') return { personName: '王建国' };
  const out: Variables = { effectiveMonth: '2027-07', currentAmount: 56200 };
  if (action === 'gradual-exit')
    Object.assign(out, {
      gradualExitMonths: variables.gradualExitMonths ?? 6,
      gradualExitUntil: '2027-12',
      gradualExitEndDate: '2027-12-31',
      newAmount: variables.newAmount ?? 56200,
    });
  if (action === 'person-reduce') out.personName = '王建国';
  return out;
};

async function runCase(source: string, start: Variables, script: Script): Promise<RunResult> {
  // The harness keeps variables per issued template only; the ledger checks need them per benefit step too.
  const variablesAt: Record<string, Variables> = {};
  const recorder =
    (fake: FakeService = () => ({})): FakeService =>
    (variables, info) => {
      variablesAt[`${info.service}:${info.action}`] = { ...variables };
      return fake(variables, info);
    };
  const run = await runModel(
    source,
    {
      templateNeeds: TEMPLATE_NEEDS,
      services: { 'benefit.plan': recorder(plan), 'benefit.apply': recorder() },
    },
    start,
    script,
  );
  return {
    steps: run.services.map(({ service, attributes: { action, template } }) =>
      service === 'document.issue' ? (template ?? '') : `${service}:${action}`,
    ),
    tasks: run.tasks.map((t) => t.id),
    outcome: run.outcome,
    variablesAt: { ...run.variablesAtIssue, ...variablesAt },
  };
}

async function checkModel(source: string) {
  const report = await validateModel(source, { templates: TEMPLATES, services: SERVICES });
  expect(report.errors).toEqual([]);
  expect(report.warnings).toEqual([]);
  const definitions = report.definitions as BpmnElement;
  const lint = lintLegalCompleteness(definitions, {
    remedyTemplates: REMEDY,
    servedTemplates: REMEDY,
    serviceRecordTemplates: ['service-receipt'],
  });
  return { definitions, lint };
}

function expectDrawnAndStaffed(definitions: BpmnElement) {
  expectEveryElementDrawn(definitions);
  expectUserTasksStaffed(definitions, { fields: false, legalBasis: true });
}

const START = {
  applicantName: '王建国',
  parentCaseId: 'p-1',
  parentCaseNo: 'DIBAO-2026-000001',
  currentAmount: 56200,
};
const visit = {
  investigators: ['赵调查', '刘协理'],
  visitDate: '2027-06-03',
  findings: '家庭成员务工，月收入增加',
};
const served = {
  serviceMethod: 'direct',
  serviceDate: '2027-06-10',
  recipient: '王建国',
  servers: ['李窗口'],
  serviceAddress: '平安县城关镇东关村3组12号',
};
const county = (reviewDecision: string, extra: FormInput = {}) => ({
  reviewDecision,
  facts: '经入户核查，家庭月收入增加',
  reasons: '家庭人均收入发生变化',
  ...extra,
});
const proposal = (p: string, extra: FormInput = {}) => ({ proposal: p, reasons: '核查发现变化', ...extra });

describe('processes/dibao-review.bpmn', () => {
  let definitions: BpmnElement;
  beforeAll(async () => {
    const checked = await checkModel(REVIEW);
    definitions = checked.definitions;
    // Every adverse end passes a decision with remedy rights; every served decision is served on record.
    expect(checked.lint.errors).toEqual([]);
  });

  it('is a procedure on 低保 cases that reviewers and approvers start, with DBHC case numbers', () => {
    expect(readProcessInfo(definitions)).toMatchObject({
      key: 'dibao-review',
      kind: 'procedure',
      appliesTo: ['dibao'],
      starterGroups: ['township_reviewer', 'county_approver'],
      caseNoPrefix: 'DBHC',
      startForm: [
        expect.objectContaining({
          id: 'trigger',
          options: expect.arrayContaining([{ id: 'change-report', name: '家庭报告变化' }]),
        }),
        expect.objectContaining({ id: 'reportedChange' }),
      ],
    });
  });

  it('draws every element and gives every user task a role, a deadline and a legal basis', () => {
    expectDrawnAndStaffed(definitions);
  });

  const paths: [string, string, FormInput, string, string | null][] = [
    ['unchanged', 'unchanged', {}, 'unchanged', null],
    ['increase', 'increase', { newAmount: '700' }, 'increased', 'benefit-increase-decision'],
    ['decrease', 'decrease', { newAmount: '300' }, 'decreased', 'benefit-decrease-decision'],
    ['stop', 'stop', {}, 'stopped', 'benefit-stop-decision'],
    ['gradual-exit', 'gradual-exit', { gradualExitMonths: '3' }, 'gradual-exit', 'gradual-exit-notice'],
  ];
  it.each(paths)(
    '%s: decides, serves and applies to the ledger',
    async (_name, decision, extra, outcome, template) => {
      const run = await runCase(
        REVIEW,
        { ...START, trigger: 'periodic' },
        {
          Task_ReviewVisit: [visit],
          Task_TownshipProposal: [proposal(decision, extra)],
          Task_CountyReviewDecision: [county(decision, extra)],
          ...(template && {
            [`Task_Serve${decision === 'gradual-exit' ? 'GradualExit' : decision[0].toUpperCase() + decision.slice(1)}`]:
              [served],
          }),
        },
      );
      expect(run.outcome).toBe(outcome);
      const action = decision;
      expect(run.steps).toEqual(
        template
          ? [
              'periodic-review-record',
              `benefit.plan:${action}`,
              template,
              'service-receipt',
              `benefit.apply:${action}`,
            ]
          : ['periodic-review-record', 'benefit.apply:unchanged'],
      );
      expect(run.tasks.slice(0, 3)).toEqual([
        'Task_ReviewVisit',
        'Task_TownshipProposal',
        'Task_CountyReviewDecision',
      ]);
    },
  );

  it('carries the decision’s amounts to the decision and to the ledger (money in fen)', async () => {
    const run = await runCase(
      REVIEW,
      { ...START, trigger: 'change-report', reportedChange: '家庭成员就业' },
      {
        Task_ReviewVisit: [visit],
        Task_TownshipProposal: [proposal('decrease', { newAmount: '350' })],
        Task_CountyReviewDecision: [county('decrease', { newAmount: '300.50', effectiveMonth: '2027-08' })],
        Task_ServeDecrease: [served],
      },
    );
    expect(run.variablesAt['benefit-decrease-decision']).toMatchObject({
      newAmount: 30050,
      currentAmount: 56200,
    });
    expect(run.variablesAt['benefit.apply:decrease']).toMatchObject({
      newAmount: 30050,
      reviewDecision: 'decrease',
    });
    expect(run.variablesAt['periodic-review-record']).toMatchObject({ reportedChange: '家庭成员就业' });
  });

  it('refuses a county decision that is not one of the choices', async () => {
    await expect(
      runCase(
        REVIEW,
        { ...START, trigger: 'periodic' },
        {
          Task_ReviewVisit: [visit],
          Task_TownshipProposal: [proposal('unchanged')],
          Task_CountyReviewDecision: [county('abolish')],
        },
      ),
    ).rejects.toThrow(/Task_CountyReviewDecision 表单无效：“核查决定”的取值 "abolish" 不在可选范围内/);
  });

  it('needs two investigators for the home visit', async () => {
    await expect(
      runCase(
        REVIEW,
        { ...START, trigger: 'periodic' },
        { Task_ReviewVisit: [{ ...visit, investigators: ['赵调查'] }] },
      ),
    ).rejects.toThrow('“核查人员”至少需要 2 项');
  });
});

describe('processes/job-refusal.bpmn', () => {
  let definitions: BpmnElement;
  const refusals = ['2027-03-02 物流公司装卸工', '2027-04-10 合作社管护员', '2027-05-08 保洁员'];
  const startForm = { personIdNumber: '410799198103050012', refusals, facts: '45岁，身体健康，失业' };
  const start = { ...START, ...startForm };
  beforeAll(async () => {
    const checked = await checkModel(JOB);
    definitions = checked.definitions;
    expect(checked.lint.errors).toEqual([]);
  });

  it('is a procedure on 低保 cases whose start form needs at least three refusals', () => {
    const info = readProcessInfo(definitions)!;
    expect(info).toMatchObject({ key: 'job-refusal', kind: 'procedure', appliesTo: ['dibao'] });
    expect(validateFormData(info.startForm, { ...startForm, refusals: refusals.slice(0, 2) }).errors).toEqual(
      [{ field: 'refusals', message: '“拒绝就业记录（每项写明日期和介绍的工作）”至少需要 3 项' }],
    );
    expect(validateFormData(info.startForm, startForm).errors).toEqual([]);
  });

  it('draws every element and gives every user task a role, a deadline and a legal basis', () => {
    expectDrawnAndStaffed(definitions);
  });

  it.each(['reduce', 'stop'])(
    '%s: decides, serves, and reduces the household’s benefit by the person’s share',
    async (jobDecision) => {
      const run = await runCase(JOB, start, {
        Task_CountyJobDecision: [{ jobDecision, newAmount: '400', reasons: '无正当理由连续三次拒绝' }],
        Task_ServePersonReduce: [served],
      });
      expect(run.outcome).toBe('person-reduced');
      expect(run.steps).toEqual([
        'benefit.plan:check-person',
        'benefit.plan:person-reduce',
        'job-refusal-decision',
        'service-receipt',
        'benefit.apply:person-reduce',
      ]);
      expect(run.variablesAt['benefit.apply:person-reduce']).toMatchObject({ newAmount: 40000, jobDecision });
    },
  );

  it('ends without a change when the county finds a good reason', async () => {
    const run = await runCase(JOB, start, {
      Task_CountyJobDecision: [{ jobDecision: 'none', reasons: '所介绍工作与其健康状况不相适应' }],
    });
    expect(run.outcome).toBe('not-reduced');
    expect(run.steps).toEqual(['benefit.plan:check-person']);
  });
});
