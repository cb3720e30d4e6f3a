/**
 * The 特困 models (认定 and 终止), validated, linted and then run in memory with bare bpmn-engine
 * through every path (testing/run-model.ts drives the engine the way the host must, and records
 * every service call with the attributes it was called with).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assessSelfCare, type SelfCareItems } from '@app/assessment';
import { readUserTaskInfo } from './element-info';
import { validateFormData } from './form-validation';
import { lintLegalCompleteness } from './legal-lint';
import { readProcessInfo } from './process-info';
import { runModel, type FakeService, type Script, type Variables } from './testing/run-model';
import { validateModel, type BpmnElement } from './validate-model';
import {
  expectEveryElementDrawn,
  expectUserTasksStaffed,
  flowElementsOf as flowElements,
} from './testing/model-structure';

const PROCESSES = join(__dirname, '../../../processes');
const APPLICATION = readFileSync(join(PROCESSES, 'tekun-application.bpmn'), 'utf8');
const TERMINATION = readFileSync(join(PROCESSES, 'tekun-termination.bpmn'), 'utf8');

/** Variables each template reads; issuing without them fails the run, so the model must collect them first. */
const TEMPLATE_NEEDS: Record<string, string[]> = {
  'tekun-application-form': ['applicantName'],
  'tekun-declaration': ['applicantName'],
  'tekun-authorization': ['applicantName'],
  'tekun-acceptance-notice': [],
  'tekun-supplement-notice': ['missingMaterials'],
  'tekun-non-acceptance-notice': ['reasons'],
  'tekun-investigation-record': ['investigators', 'visitDate', 'findings', 'checkFindings'],
  'selfcare-assessment': [
    'eating',
    'dressing',
    'transferring',
    'toileting',
    'indoorWalking',
    'bathing',
    'selfCareLabel',
    'assessors',
    'assessmentDate',
  ],
  'democratic-review-record': ['reviewDate', 'reviewParticipants', 'reviewConclusion'],
  'tekun-first-instance-opinion': ['opinion', 'findings', 'reasons'],
  'tekun-public-notice': ['applicantName', 'supportMode'],
  'sampling-record': ['samplingSeed', 'samplingSequence', 'sampleRatio', 'samplingRatioText', 'sampled'],
  'tekun-confirmation-notice': ['amount', 'supportMode', 'selfCareLabel'],
  'tekun-non-confirmation-decision': ['facts', 'reasons'],
  'tekun-termination-proposal': ['ground', 'investigators', 'visitDate', 'findings', 'proposal', 'reasons'],
  'tekun-termination-public-notice': ['ground'],
  'tekun-termination-decision': ['ground', 'facts', 'reasons'],
  'tekun-continuation-notice': ['reasons'],
  'public-notice-objection-record': ['objectionDetails', 'recheckFindings', 'democraticReview'],
  'service-receipt': ['serviceMethod', 'serviceDate', 'recipient', 'servers', 'serviceAddress'],
};
const TEMPLATES = Object.keys(TEMPLATE_NEEDS);
const REMEDY_TEMPLATES = [
  'tekun-non-acceptance-notice',
  'tekun-confirmation-notice',
  'tekun-non-confirmation-decision',
  'tekun-termination-decision',
  'tekun-continuation-notice',
];
const SERVED_TEMPLATES = [
  'tekun-acceptance-notice',
  'tekun-supplement-notice',
  'tekun-non-acceptance-notice',
  'tekun-confirmation-notice',
  'tekun-non-confirmation-decision',
  'tekun-termination-decision',
  'tekun-continuation-notice',
];
const SERVICES = ['document.issue', 'selfcare.assess', 'sampling.draw', 'benefit.apply'];

const SELF_CARE_KEYS = [
  'eating',
  'dressing',
  'transferring',
  'toileting',
  'indoorWalking',
  'bathing',
] as const;

const FAKE_SERVICES: Record<string, FakeService> = {
  // The real assessment, so the label the documents carry matches what the items imply.
  'selfcare.assess': (variables) => {
    const items = Object.fromEntries(
      SELF_CARE_KEYS.map((k) => [k, variables[k] === true]),
    ) as unknown as SelfCareItems;
    const assessed = assessSelfCare(items);
    return {
      careLevel: assessed.careLevel,
      selfCareLabel: assessed.label,
      failedItems: assessed.failedItems,
    };
  },
  // The case decides whether it is drawn, so both branches after the draw can be run.
  'sampling.draw': (variables) => ({
    sampled: variables.fakeSampled === true,
    samplingSeed: 'seed',
    samplingSequence: 1,
    sampleRatio: 0.3,
    samplingRatioText: '30%',
  }),
  'benefit.apply': () => ({}),
};

// TEMPLATE_NEEDS lists every template these models may issue, so an unlisted one is a model error.
const runCase = (source: string, startVariables: Variables, script: Script) =>
  runModel(
    source,
    { templateNeeds: TEMPLATE_NEEDS, knownTemplatesOnly: true, services: FAKE_SERVICES },
    startVariables,
    script,
  );

async function checkModel(source: string) {
  const report = await validateModel(source, { templates: TEMPLATES, services: SERVICES });
  expect(report.errors).toEqual([]);
  expect(report.warnings).toEqual([]);
  const definitions = report.definitions as BpmnElement;
  const lint = lintLegalCompleteness(definitions, {
    remedyTemplates: REMEDY_TEMPLATES,
    servedTemplates: SERVED_TEMPLATES,
  });
  expect(lint).toEqual({ errors: [], warnings: [] });
  return definitions;
}

// ---- form submissions, as a client would send them (money as yuan strings) ----
const served = {
  serviceMethod: 'direct',
  serviceDate: '2026-12-01',
  recipient: '李桂英',
  servers: ['王五', '赵六'],
  serviceAddress: '平安县城关镇东关村二组6号',
};
const investigation = {
  investigators: ['王五', '赵六'],
  visitDate: '2026-11-25',
  findings: '年满六十周岁，独居，无劳动能力，无生活来源',
  neighbourVisit: '邻居反映情况属实',
  checkFindings: '名下无车辆、无房产',
  democraticReview: false,
};
const selfCarePartial = {
  eating: true,
  dressing: true,
  transferring: false,
  toileting: true,
  indoorWalking: false,
  bathing: false,
  assessors: ['王五', '赵六'],
  assessmentDate: '2026-11-27',
};
const eligible = {
  opinion: 'eligible',
  supportMode: 'dispersed',
  proposedAmount: '1350',
  reasons: '符合三无条件',
};
const confirm = {
  decision: 'confirm',
  amount: '1350',
  careAmount: '300',
  facts: '经调查核实……',
  reasons: '符合特困人员认定条件',
};
const refuse = {
  decision: 'refuse',
  facts: '申请人之子经营个体商店，具有赡养能力',
  reasons: '有具备履行义务能力的法定赡养义务人',
  legalBasis: '《特困人员认定办法》第八条、第十八条',
};
const throughInvestigation: Script = {
  Task_AcceptanceReview: [{ decision: 'accept' }],
  Task_ServeAcceptance: [served],
  Task_Investigation: [investigation],
  Task_SelfCareAssessment: [selfCarePartial],
};
const START = { applicantName: '李桂英', nearRelative: false, regionCode: '410799100201' };
const SEVEN_DAYS_MS = 7 * 24 * 60 * 60 * 1000;
/** Art. 10: the written application, the 书面声明 and 承诺书, and the 核对授权书, on every path. */
const START_DOCS = ['tekun-application-form', 'tekun-declaration', 'tekun-authorization'];
const CONFIRM_DOCS = [
  ...START_DOCS,
  'tekun-acceptance-notice',
  'service-receipt',
  'tekun-investigation-record',
  'selfcare-assessment',
  'tekun-first-instance-opinion',
  'tekun-public-notice',
  'sampling-record',
  'tekun-confirmation-notice',
  'service-receipt',
];

describe('processes/tekun-application.bpmn', () => {
  let definitions: BpmnElement;
  beforeAll(async () => {
    definitions = await checkModel(APPLICATION);
  });

  it('is the 特困 application process with case numbers TK-…', () => {
    expect(readProcessInfo(definitions)).toMatchObject({
      key: 'tekun-application',
      program: 'tekun',
      kind: 'application',
      caseNoPrefix: 'TK',
    });
  });

  it('has a diagram for every element and a role, form, deadline and legal basis on every user task', () => {
    expectEveryElementDrawn(definitions);
    expectUserTasksStaffed(definitions, { legalBasis: true });
    const byId = (id: string) => readUserTaskInfo(flowElements(definitions).find((e) => e.id === id));
    // 15 working days from acceptance to the first-instance opinion (Art. 13): the steps add up.
    const township = [
      'Task_Investigation',
      'Task_SelfCareAssessment',
      'Task_DemocraticReview',
      'Task_TownshipReview',
    ];
    expect(township.reduce((sum, id) => sum + byId(id).due!.amount, 0)).toBe(15);
    // After an objection: new opinion within 15 working days (Art. 15).
    expect(byId('Task_Recheck').due!.amount + byId('Task_TownshipReview').due!.amount).toBe(15);
    // County: spot check + confirmation within 15 working days (Art. 16).
    expect(byId('Task_CountySpotCheck').due!.amount + byId('Task_CountyConfirmation').due!.amount).toBe(15);
    expect(byId('Task_ServeNonConfirmation').due).toEqual({ amount: 3, unit: 'WD' });
    expect(byId('Task_CountyConfirmation').candidateGroups).toEqual(['county_approver']);
  });

  it('refuses an investigation by one person and a democratic review with two participants', () => {
    const investigationForm = readUserTaskInfo(
      flowElements(definitions).find((e) => e.id === 'Task_Investigation'),
    );
    expect(
      validateFormData(investigationForm.fields, { ...investigation, investigators: ['王五'] }).errors,
    ).toEqual([{ field: 'investigators', message: '“调查人员”至少需要 2 项' }]);
    const review = readUserTaskInfo(flowElements(definitions).find((e) => e.id === 'Task_DemocraticReview'));
    expect(
      validateFormData(review.fields, {
        reviewDate: '2026-11-28',
        reviewParticipants: ['甲', '乙'],
        reviewConclusion: '同意',
      }).errors.map((e) => e.field),
    ).toEqual(['reviewParticipants']);
  });

  it('confirms: self-care assessed, 7-day notice, sampling drawn, not visited, confirmation served', async () => {
    const run = await runCase(APPLICATION, START, {
      ...throughInvestigation,
      Task_TownshipReview: [eligible],
      Task_RecordPublicNoticeResult: [{ objection: false }],
      Task_CountyConfirmation: [confirm],
      Task_ServeConfirmation: [served],
    });
    expect(run.issued).toEqual(CONFIRM_DOCS);
    expect(run.outcome).toBe('confirmed');
    expect(run.tasks.map((t) => t.id)).not.toContain('Task_CountySpotCheck');
    expect(run.tasks.map((t) => t.id)).not.toContain('Task_DemocraticReview');
    expect(run.services.map((s) => s.service)).toContain('selfcare.assess');
    expect(run.services.find((s) => s.service === 'sampling.draw')?.attributes.sampleRatio).toBe('0.3');
    expect(run.timers.map((t) => t.id)).toEqual(['Timer_PublicNoticePeriod']);
    expect(run.timers[0].delay).toBeGreaterThanOrEqual(SEVEN_DAYS_MS);
    expect(run.timers[0].delay).toBeLessThan(SEVEN_DAYS_MS + 1000);
    expect(run.variablesAtIssue['tekun-confirmation-notice']).toMatchObject({
      amount: 135000,
      careAmount: 30000,
      careLevel: 'partial_care',
      selfCareLabel: '部分丧失生活自理能力（3项不能自理，半护理）',
      supportMode: 'dispersed',
    });
  });

  it('visits sampled cases at county level before the decision', async () => {
    const run = await runCase(
      APPLICATION,
      { ...START, fakeSampled: true },
      {
        ...throughInvestigation,
        Task_TownshipReview: [eligible],
        Task_RecordPublicNoticeResult: [{ objection: false }],
        Task_CountySpotCheck: [
          {
            countyInvestigators: ['县局 钱八', '县局 孙九'],
            countyVisitDate: '2026-12-10',
            countyFindings: '属实',
          },
        ],
        Task_CountyConfirmation: [confirm],
        Task_ServeConfirmation: [served],
      },
    );
    expect(run.tasks.map((t) => t.id).slice(-3)).toEqual([
      'Task_CountySpotCheck',
      'Task_CountyConfirmation',
      'Task_ServeConfirmation',
    ]);
    expect(run.variablesAtIssue['sampling-record']).toMatchObject({ sampled: true, countyFindings: '属实' });
    expect(run.outcome).toBe('confirmed');
  });

  it('always visits near-relative cases, even when not sampled', async () => {
    const script: Script = {
      ...throughInvestigation,
      Task_TownshipReview: [eligible],
      Task_RecordPublicNoticeResult: [{ objection: false }],
      Task_CountySpotCheck: [
        {
          countyInvestigators: ['县局 钱八', '县局 孙九'],
          countyVisitDate: '2026-12-10',
          countyFindings: '属实',
        },
      ],
      Task_CountyConfirmation: [confirm],
      Task_ServeConfirmation: [served],
    };
    const run = await runCase(APPLICATION, { ...START, nearRelative: true }, script);
    expect(run.tasks.map((t) => t.id)).toContain('Task_CountySpotCheck');
    await expect(runCase(APPLICATION, START, script)).rejects.toThrow(
      '脚本中有未用到的提交：Task_CountySpotCheck',
    );
  });

  it('refuses with a written decision served within 3 working days', async () => {
    const run = await runCase(APPLICATION, START, {
      ...throughInvestigation,
      Task_TownshipReview: [eligible],
      Task_RecordPublicNoticeResult: [{ objection: false }],
      Task_CountyConfirmation: [refuse],
      Task_ServeNonConfirmation: [{ ...served, serviceMethod: 'left', witnesses: ['村委 刘七'] }],
    });
    expect(run.issued.slice(-2)).toEqual(['tekun-non-confirmation-decision', 'service-receipt']);
    expect(run.outcome).toBe('refused');
    expect(run.tasks.at(-1)).toEqual({
      id: 'Task_ServeNonConfirmation',
      candidateGroups: ['window_clerk'],
      due: { amount: 3, unit: 'WD' },
    });
  });

  it('publicises an ineligible first-instance opinion too (第十五条); the county still decides', async () => {
    const run = await runCase(APPLICATION, START, {
      ...throughInvestigation,
      Task_TownshipReview: [{ opinion: 'ineligible', supportMode: 'dispersed', reasons: '有赡养人' }],
      Task_RecordPublicNoticeResult: [{ objection: false }],
      Task_CountyConfirmation: [refuse],
      Task_ServeNonConfirmation: [served],
    });
    expect(run.issued.filter((d) => d === 'tekun-public-notice')).toHaveLength(1);
    expect(run.timers.map((t) => t.id)).toEqual(['Timer_PublicNoticePeriod']);
    expect(run.outcome).toBe('refused');
  });

  it('after an objection re-investigates, gives a new opinion and a new public notice', async () => {
    const run = await runCase(APPLICATION, START, {
      ...throughInvestigation,
      Task_TownshipReview: [eligible, { ...eligible, proposedAmount: '1200' }],
      Task_RecordPublicNoticeResult: [
        { objection: true, objectionDetails: '群众反映其有子女' },
        { objection: false },
      ],
      Task_Recheck: [{ recheckFindings: '所谓子女系侄子，无赡养义务', democraticReview: true }],
      Task_DemocraticReview: [
        {
          reviewDate: '2026-12-15',
          reviewParticipants: ['王五', '村支书', '村民代表甲'],
          reviewConclusion: '情况属实',
        },
      ],
      Task_CountyConfirmation: [{ ...confirm, amount: '1200' }],
      Task_ServeConfirmation: [served],
    });
    expect(run.issued.filter((d) => d === 'tekun-public-notice')).toHaveLength(2);
    expect(run.issued.filter((d) => d === 'tekun-first-instance-opinion')).toHaveLength(2);
    expect(run.issued).toContain('democratic-review-record');
    // The objection and its re-check are on record before the new opinion (第十五条).
    expect(run.issued.indexOf('public-notice-objection-record')).toBeGreaterThan(
      run.issued.indexOf('tekun-public-notice'),
    );
    expect(run.issued.lastIndexOf('tekun-first-instance-opinion')).toBeGreaterThan(
      run.issued.indexOf('public-notice-objection-record'),
    );
    expect(run.timers).toHaveLength(2);
    expect(run.tasks.map((t) => t.id).slice(5, 10)).toEqual([
      'Task_RecordPublicNoticeResult',
      'Task_Recheck',
      'Task_DemocraticReview',
      'Task_TownshipReview',
      'Task_RecordPublicNoticeResult',
    ]);
    expect(run.variablesAtIssue['tekun-public-notice'].proposedAmount).toBe(120000);
    expect(run.outcome).toBe('confirmed');
  });

  it('holds a democratic review when the investigation asks for one', async () => {
    const run = await runCase(APPLICATION, START, {
      ...throughInvestigation,
      Task_Investigation: [{ ...investigation, democraticReview: true }],
      Task_DemocraticReview: [
        {
          reviewDate: '2026-11-28',
          reviewParticipants: ['王五', '村支书', '村民代表甲'],
          reviewConclusion: '同意',
        },
      ],
      Task_TownshipReview: [eligible],
      Task_RecordPublicNoticeResult: [{ objection: false }],
      Task_CountyConfirmation: [confirm],
      Task_ServeConfirmation: [served],
    });
    expect(run.issued.indexOf('democratic-review-record')).toBe(
      run.issued.indexOf('selfcare-assessment') + 1,
    );
    expect(run.outcome).toBe('confirmed');
  });

  it('does not accept, with a served notice giving remedies', async () => {
    const run = await runCase(APPLICATION, START, {
      Task_AcceptanceReview: [{ decision: 'refuse', reasons: '户籍不在本镇' }],
      Task_ServeNonAcceptance: [served],
    });
    expect(run.issued).toEqual([...START_DOCS, 'tekun-non-acceptance-notice', 'service-receipt']);
    expect(run.outcome).toBe('not-accepted');
  });

  it('asks once for missing materials, serves the notice, then accepts', async () => {
    const run = await runCase(APPLICATION, START, {
      ...throughInvestigation,
      Task_AcceptanceReview: [
        { decision: 'supplement', missingMaterials: ['书面声明'] },
        { decision: 'accept' },
      ],
      Task_ServeSupplementNotice: [served],
      Task_RecordSupplement: [{ suppliedMaterials: ['书面声明'], suppliedDate: '2026-11-20' }],
      Task_TownshipReview: [eligible],
      Task_RecordPublicNoticeResult: [{ objection: false }],
      Task_CountyConfirmation: [confirm],
      Task_ServeConfirmation: [served],
    });
    expect(run.issued.slice(0, 7)).toEqual([
      ...START_DOCS,
      'tekun-supplement-notice',
      'service-receipt',
      'tekun-acceptance-notice',
      'service-receipt',
    ]);
    expect(run.outcome).toBe('confirmed');
  });
});

// ---- termination ----
const report = {
  ground: 'supporter',
  supporterRelation: 'child',
  facts: '村委会报告：其子务工返乡，月收入稳定，已将其接回家中赡养',
  reportedBy: '东关村村民委员会',
};
const terminationInvestigation = {
  investigators: ['王五', '赵六'],
  visitDate: '2027-01-05',
  findings: '属实',
};
const proposeTerminate = { proposal: 'terminate', reasons: '新增具有履行义务能力的法定义务人' };
const countyTerminate = {
  decision: 'terminate',
  facts: '其子王建军务工返乡，月收入约6000元，具有了履行义务能力，已将其接回家中赡养',
  reasons: '不再符合特困人员救助供养条件',
  legalBasis: '《特困人员认定办法》第二十四条、第二十六条',
};

describe('processes/tekun-termination.bpmn', () => {
  let definitions: BpmnElement;
  beforeAll(async () => {
    definitions = await checkModel(TERMINATION);
  });

  it('is a procedure on 特困 cases, started by township or county with a ground from Art. 24', () => {
    const info = readProcessInfo(definitions)!;
    expect(info).toMatchObject({
      key: 'tekun-termination',
      kind: 'procedure',
      appliesTo: ['tekun'],
      starterGroups: ['township_reviewer', 'county_approver'],
    });
    const ground = info.startForm.find((f) => f.id === 'ground')!;
    expect(ground.options.map((o) => o.id)).toEqual([
      'death',
      'work-ability',
      'imprisoned',
      'income-property',
      'supporter',
      'voluntary',
    ]);
    expect(
      validateFormData(info.startForm, { ground: 'moved', facts: 'x' }).errors.map((e) => e.field),
    ).toEqual(['ground']);
    // A supporter ground names the supporter's relation, and only a statutory one (民法典): not a nephew.
    const supporter = (extra: Record<string, unknown>) =>
      validateFormData(info.startForm, { ground: 'supporter', facts: 'x', ...extra }).errors.map(
        (e) => e.field,
      );
    expect(supporter({})).toEqual(['supporterRelation']);
    expect(supporter({ supporterRelation: 'nephew' })).toEqual(['supporterRelation']);
    expect(supporter({ supporterRelation: 'child' })).toEqual([]);
    expect(validateFormData(info.startForm, { ground: 'death', facts: 'x' }).errors).toEqual([]);
    expectEveryElementDrawn(definitions);
    expectUserTasksStaffed(definitions, { legalBasis: true });
  });

  it('terminates after a 7-day notice without objection: decision served, then the benefit stops', async () => {
    const run = await runCase(TERMINATION, report, {
      Task_TerminationInvestigation: [terminationInvestigation],
      Task_TerminationProposal: [proposeTerminate],
      Task_RecordTerminationNoticeResult: [{ objection: false }],
      Task_CountyTerminationDecision: [countyTerminate],
      Task_ServeTerminationDecision: [served],
    });
    expect(run.issued).toEqual([
      'tekun-termination-proposal',
      'tekun-termination-public-notice',
      'tekun-termination-decision',
      'service-receipt',
    ]);
    expect(run.timers.map((t) => t.id)).toEqual(['Timer_TerminationNoticePeriod']);
    expect(run.services.at(-1)).toEqual({
      service: 'benefit.apply',
      attributes: { action: 'terminate', sampleRatio: undefined, template: undefined },
    });
    expect(run.outcome).toBe('terminated');
  });

  it('after an objection investigates again and publishes the proposal again', async () => {
    const run = await runCase(TERMINATION, report, {
      Task_TerminationInvestigation: [terminationInvestigation],
      Task_TerminationProposal: [proposeTerminate, proposeTerminate],
      Task_RecordTerminationNoticeResult: [
        { objection: true, objectionDetails: '本人反映侄子并未赡养' },
        { objection: false },
      ],
      Task_TerminationRecheck: [{ recheckFindings: '核实侄子已实际赡养' }],
      Task_CountyTerminationDecision: [countyTerminate],
      Task_ServeTerminationDecision: [served],
    });
    expect(run.issued.filter((d) => d === 'tekun-termination-public-notice')).toHaveLength(2);
    expect(run.timers).toHaveLength(2);
    expect(run.outcome).toBe('terminated');
  });

  it('continues support when the county decides not to terminate, with a served notice', async () => {
    const run = await runCase(TERMINATION, report, {
      Task_TerminationInvestigation: [terminationInvestigation],
      Task_TerminationProposal: [proposeTerminate],
      Task_RecordTerminationNoticeResult: [{ objection: false }],
      Task_CountyTerminationDecision: [
        { ...countyTerminate, decision: 'continue', reasons: '侄子不是法定义务人' },
      ],
      Task_ServeContinuation: [served],
    });
    expect(run.issued.slice(-2)).toEqual(['tekun-continuation-notice', 'service-receipt']);
    expect(run.services.map((s) => s.service)).not.toContain('benefit.apply');
    expect(run.outcome).toBe('not-terminated');
  });

  it('never terminates without a public notice: a township "continue" can only be agreed or sent back', async () => {
    const run = await runCase(TERMINATION, report, {
      Task_TerminationInvestigation: [terminationInvestigation, terminationInvestigation],
      Task_TerminationProposal: [{ proposal: 'continue', reasons: '情况不属实' }, proposeTerminate],
      Task_CountyContinuationReview: [{ countyOpinion: 'return', reasons: '需补充调查其子收入' }],
      Task_RecordTerminationNoticeResult: [{ objection: false }],
      Task_CountyTerminationDecision: [countyTerminate],
      Task_ServeTerminationDecision: [served],
    });
    expect(run.issued.indexOf('tekun-termination-public-notice')).toBeLessThan(
      run.issued.indexOf('tekun-termination-decision'),
    );
    expect(run.outcome).toBe('terminated');

    const agreed = await runCase(TERMINATION, report, {
      Task_TerminationInvestigation: [terminationInvestigation],
      Task_TerminationProposal: [{ proposal: 'continue', reasons: '情况不属实' }],
      Task_CountyContinuationReview: [{ countyOpinion: 'agree', reasons: '情况不属实' }],
      Task_ServeContinuation: [served],
    });
    expect(agreed.issued).not.toContain('tekun-termination-public-notice');
    expect(agreed.outcome).toBe('not-terminated');
  });
});
