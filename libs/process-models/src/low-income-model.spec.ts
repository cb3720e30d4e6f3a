/**
 * The 低收入人口认定 model, validated, linted and then run in memory with bare bpmn-engine through
 * every path (testing/run-model.ts drives the engine the way the host must).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readServiceInfo } from './element-info';
import { lintLegalCompleteness } from './legal-lint';
import { runModel, type FakeService, type Script, type Variables } from './testing/run-model';
import { validateModel, type BpmnElement } from './validate-model';
import { expectEveryElementDrawn, expectUserTasksStaffed, flowElementsOf } from './testing/model-structure';

const MODEL_PATH = join(__dirname, '../../../processes/low-income-application.bpmn');
const source = readFileSync(MODEL_PATH, 'utf8');

const TEMPLATES = [
  'family-declaration',
  'low-income-authorization',
  'acceptance-notice',
  'non-acceptance-notice',
  'supplement-notice',
  'home-visit-record',
  'ineligibility-notice',
  'low-income-review-opinion',
  'low-income-recognition-notice',
  'low-income-refusal-decision',
  'service-receipt',
];
/** Templates with remedy: true (their text states 行政复议 and 行政诉讼 rights). */
const REMEDY_TEMPLATES = [
  'non-acceptance-notice',
  'ineligibility-notice',
  'low-income-recognition-notice',
  'low-income-refusal-decision',
];

/** Variables each template reads; issuing without them fails the run, so the model must collect them first. */
const TEMPLATE_NEEDS: Record<string, string[]> = {
  'non-acceptance-notice': ['reasons'],
  'ineligibility-notice': ['reasons'],
  'supplement-notice': ['missingMaterials'],
  'home-visit-record': ['investigators', 'visitDate', 'findings'],
  'low-income-review-opinion': ['opinion', 'reasons'],
  'low-income-recognition-notice': ['lowIncomeCategory', 'coveredPersons'],
  'low-income-refusal-decision': ['facts', 'reasons'],
  'service-receipt': ['serviceMethod', 'serviceDate', 'recipient', 'servers', 'serviceAddress'],
};

// Stands in for the assessment: proposes what the case's start variables say, or nothing.
const proposeAssessment: FakeService = (variables) =>
  (variables.fakeAssessment as Variables | undefined) ?? { assessed: false };

const runCase = (startVariables: Variables, script: Script) =>
  runModel(
    source,
    { templateNeeds: TEMPLATE_NEEDS, services: { 'assessment.evaluate': proposeAssessment } },
    startVariables,
    script,
  );

// ---- form submissions, as a client would send them ----
const START = { applicantName: '张三', nearRelative: false, regionCode: '410799100201' };
const accept = { decision: 'accept' };
const infoCheck = { checkReportNo: 'HD-2026-0101', checkFindings: '无机动车辆，存款低于规定标准' };
const homeVisit = {
  investigators: ['王五', '赵六'],
  visitDate: '2026-03-04',
  findings: '家庭三人，配偶患慢性病，月人均收入略高于低保标准',
};
const eligible = {
  opinion: 'eligible',
  lowIncomeCategory: 'edge',
  coveredPersons: '3',
  reasons: '家庭月人均收入高于低保标准、低于低收入认定标准',
};
const recognize = {
  decision: 'recognize',
  lowIncomeCategory: 'edge',
  coveredPersons: 3,
  facts: '家庭月人均收入820元，低于低收入认定标准975元，财产符合规定',
  reasons: '符合低保边缘家庭认定条件',
  legalBasis: '《最低生活保障审核确认办法》第八条',
};
const refuse = {
  decision: 'refuse',
  facts: '家庭月人均收入1320元，高于低收入认定标准975元',
  reasons: '家庭月人均收入高于低收入认定标准',
  legalBasis: '《最低生活保障审核确认办法》第八条',
};
const served = {
  serviceMethod: 'direct',
  serviceDate: '2026-04-01',
  recipient: '张三',
  servers: ['王五', '赵六'],
  serviceAddress: '平安县城关镇东关村 1 号',
};
const investigation: Script = {
  Task_AcceptanceReview: [accept],
  Task_InformationCheck: [infoCheck],
  Task_HomeVisit: [homeVisit],
};
const START_DOCS = ['family-declaration', 'low-income-authorization'];
const INVESTIGATION_DOCS = ['acceptance-notice', 'home-visit-record'];

describe('processes/low-income-application.bpmn', () => {
  let definitions: BpmnElement;

  beforeAll(async () => {
    const result = await validateModel(source, { templates: TEMPLATES });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    definitions = result.definitions as BpmnElement;
  });

  const flowElements = () => flowElementsOf(definitions);

  it('is a 低收入人口认定 application with case numbers DSR-…, and no whole-case limit of its own', () => {
    const process = (definitions.rootElements as BpmnElement[]).find((r) => r.$type === 'bpmn:Process')!;
    expect(process).toMatchObject({ program: 'dibian', kind: 'application', caseNoPrefix: 'DSR' });
    expect(process.caseLimit).toBeUndefined();
  });

  it('passes the legal lint: every adverse end is preceded by a decision stating remedy rights', () => {
    const lint = lintLegalCompleteness(definitions, { remedyTemplates: REMEDY_TEMPLATES });
    expect(lint).toEqual({ errors: [], warnings: [] });
    // Without the refusal decision's remedy the refused end would be flagged.
    const weaker = lintLegalCompleteness(definitions, {
      remedyTemplates: REMEDY_TEMPLATES.filter((t) => t !== 'low-income-refusal-decision'),
    });
    expect(weaker.errors.map((e) => e.elementId)).toEqual(['EndEvent_Refused']);
  });

  it('has a diagram shape or edge for every flow element (opens in bpmn-js)', () => {
    expectEveryElementDrawn(definitions);
  });

  it('gives every user task one known role, a form and a deadline, and has no public notice', () => {
    expectUserTasksStaffed(definitions);
    expect(flowElements().some((e) => readServiceInfo(e).template === 'public-notice')).toBe(false);
    expect(flowElements().some((e) => e.$type === 'bpmn:IntermediateCatchEvent')).toBe(false);
  });

  it('recognizes a 低保边缘 household and serves the notice', async () => {
    const run = await runCase(START, {
      ...investigation,
      Task_TownshipReview: [eligible],
      Task_CountyRecognition: [recognize],
      Task_ServeRecognition: [served],
    });
    expect(run.issued).toEqual([
      ...START_DOCS,
      ...INVESTIGATION_DOCS,
      'low-income-review-opinion',
      'low-income-recognition-notice',
      'service-receipt',
    ]);
    expect(run.outcome).toBe('recognized');
    expect(run.timers).toEqual([]);
    expect(run.tasks.map((t) => [t.id, t.candidateGroups[0]])).toEqual([
      ['Task_AcceptanceReview', 'window_clerk'],
      ['Task_InformationCheck', 'investigator'],
      ['Task_HomeVisit', 'investigator'],
      ['Task_TownshipReview', 'township_reviewer'],
      ['Task_CountyRecognition', 'county_approver'],
      ['Task_ServeRecognition', 'window_clerk'],
    ]);
    expect(run.variablesAtIssue['low-income-recognition-notice']).toMatchObject({
      lowIncomeCategory: 'edge',
      coveredPersons: 3,
    });
  });

  it('refuses with a served decision', async () => {
    const run = await runCase(START, {
      ...investigation,
      Task_TownshipReview: [{ opinion: 'ineligible', reasons: '收入高于认定标准' }],
      Task_CountyRecognition: [refuse],
      Task_ServeRefusal: [served],
    });
    expect(run.issued.slice(-3)).toEqual([
      'low-income-review-opinion',
      'low-income-refusal-decision',
      'service-receipt',
    ]);
    expect(run.outcome).toBe('refused');
    expect(run.tasks.at(-1)).toMatchObject({ id: 'Task_ServeRefusal', due: { amount: 3, unit: 'WD' } });
  });

  it.each([
    [
      'neither 低保边缘 nor 刚性支出困难: the reviewer is asked',
      { lowIncomeEligible: false, rigidExpenditureHardship: false },
      true,
    ],
    ['低保边缘', { lowIncomeEligible: true, rigidExpenditureHardship: false }, false],
    ['刚性支出困难', { lowIncomeEligible: false, rigidExpenditureHardship: true }, false],
  ])('after the assessment — %s', async (_name, flags, asked) => {
    const script: Script = {
      ...investigation,
      Task_TownshipReview: [eligible],
      Task_CountyRecognition: [recognize],
      Task_ServeRecognition: [served],
      ...(asked && { Task_ConfirmIneligible: [{ stopDecision: 'continue', reasons: '核对数据有误' }] }),
    };
    const run = await runCase({ ...START, fakeAssessment: { assessed: true, ...flags } }, script);
    expect(run.tasks.some((t) => t.id === 'Task_ConfirmIneligible')).toBe(asked);
    expect(run.outcome).toBe('recognized');
  });

  it('stops a clearly ineligible case after the reviewer confirms, with a served notice', async () => {
    const run = await runCase(
      {
        ...START,
        fakeAssessment: { assessed: true, lowIncomeEligible: false, rigidExpenditureHardship: false },
      },
      {
        ...investigation,
        Task_ConfirmIneligible: [{ stopDecision: 'stop', reasons: '家庭月人均收入高于低收入认定标准' }],
        Task_ServeIneligibility: [served],
      },
    );
    expect(run.issued.slice(-2)).toEqual(['ineligibility-notice', 'service-receipt']);
    expect(run.outcome).toBe('not-eligible');
    expect(run.tasks.map((t) => t.id)).not.toContain('Task_TownshipReview');
  });

  it('does not accept, with a served notice; asks once for missing materials', async () => {
    const notAccepted = await runCase(START, {
      Task_AcceptanceReview: [{ decision: 'refuse', reasons: '已纳入最低生活保障' }],
      Task_ServeNonAcceptance: [served],
    });
    expect(notAccepted.issued).toEqual([...START_DOCS, 'non-acceptance-notice', 'service-receipt']);
    expect(notAccepted.outcome).toBe('not-accepted');

    const supplemented = await runCase(START, {
      ...investigation,
      Task_AcceptanceReview: [{ decision: 'supplement', missingMaterials: ['医疗费用票据'] }, accept],
      Task_ServeSupplementNotice: [served],
      Task_RecordSupplement: [{ suppliedMaterials: ['医疗费用票据'], suppliedDate: '2026-03-10' }],
      Task_TownshipReview: [{ ...eligible, lowIncomeCategory: 'rigid' }],
      Task_CountyRecognition: [{ ...recognize, lowIncomeCategory: 'rigid' }],
      Task_ServeRecognition: [served],
    });
    expect(supplemented.issued.slice(2, 5)).toEqual([
      'supplement-notice',
      'service-receipt',
      'acceptance-notice',
    ]);
    expect(supplemented.variablesAtIssue['low-income-recognition-notice'].lowIncomeCategory).toBe('rigid');
    expect(supplemented.outcome).toBe('recognized');
  });

  it('cannot recognize without a category: the notice refuses to issue', async () => {
    await expect(
      runCase(START, {
        ...investigation,
        Task_TownshipReview: [{ opinion: 'eligible', reasons: '符合条件' }],
        Task_CountyRecognition: [{ ...recognize, lowIncomeCategory: undefined }],
      }),
    ).rejects.toThrow(/low-income-recognition-notice 缺少变量 lowIncomeCategory/);
  });
});
