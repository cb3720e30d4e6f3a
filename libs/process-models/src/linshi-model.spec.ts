/**
 * The 临时救助 model (processes/temporary-assistance.bpmn), validated and then run in memory with
 * bare bpmn-engine through every path (testing/run-model.ts drives the engine the way the host must).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readUserTaskInfo } from './element-info';
import { validateFormData } from './form-validation';
import { lintLegalCompleteness } from './legal-lint';
import { readProcessInfo } from './process-info';
import { runModel, type FakeService, type Script, type Variables } from './testing/run-model';
import { validateModel, type BpmnElement } from './validate-model';
import { expectEveryElementDrawn, expectUserTasksStaffed, flowElementsOf } from './testing/model-structure';

const MODEL_PATH = join(__dirname, '../../../processes/temporary-assistance.bpmn');
const source = readFileSync(MODEL_PATH, 'utf8');

const TEMPLATES = [
  'linshi-authorization',
  'linshi-acceptance-notice',
  'linshi-supplement-notice',
  'linshi-non-acceptance-notice',
  'linshi-emergency-register',
  'linshi-completion-record',
  'linshi-public-notice',
  'linshi-approval-form',
  'linshi-grant-decision',
  'linshi-refusal-decision',
  'service-receipt',
];
const SERVICES = ['document.issue', 'case.urgency', 'linshi.approvalLevel'];
const REMEDY = ['linshi-non-acceptance-notice', 'linshi-grant-decision', 'linshi-refusal-decision'];
const SERVED = [
  'linshi-acceptance-notice',
  'linshi-supplement-notice',
  'linshi-non-acceptance-notice',
  'linshi-grant-decision',
  'linshi-refusal-decision',
];

/** Variables each template reads (its schema's required form fields); issuing without them fails the run. */
const TEMPLATE_NEEDS: Record<string, string[]> = {
  'linshi-authorization': ['applicantName'],
  'linshi-non-acceptance-notice': ['reasons'],
  'linshi-supplement-notice': ['missingMaterials'],
  'linshi-emergency-register': ['hardship', 'situation', 'amount', 'paymentMethod', 'grantDate', 'handlers'],
  'linshi-completion-record': [
    'amount',
    'grantDate',
    'completionDate',
    'grantReason',
    'signatories',
    'approver',
    'sealed',
  ],
  'linshi-public-notice': ['category', 'opinion'],
  'linshi-approval-form': [
    'category',
    'hardship',
    'investigators',
    'findings',
    'opinion',
    'reviewOpinion',
    'approvalLevel',
    'townshipApprovalLimit',
    'approvalDecision',
    'facts',
    'reasons',
  ],
  'linshi-grant-decision': ['category', 'hardship', 'amount'],
  'linshi-refusal-decision': ['facts', 'reasons'],
  'service-receipt': ['serviceMethod', 'serviceDate', 'recipient', 'servers', 'serviceAddress'],
};

/** Stand-in for the region's entrusted township limit (policy parameter; 1,000 yuan by default). */
const TOWNSHIP_LIMIT_FEN = 100_000;

const approvalLevel: FakeService = (variables) => {
  const amount = variables.proposedAmount;
  const level = typeof amount === 'number' && amount <= TOWNSHIP_LIMIT_FEN ? 'township' : 'county';
  return { approvalLevel: level, townshipApprovalLimit: TOWNSHIP_LIMIT_FEN };
};

/** case.urgency assigns nothing, so the urgency it saw on each call is the only trace a run leaves of it. */
async function runCase(startVariables: Variables, script: Script) {
  const urgencyTags: unknown[] = [];
  const tagUrgency: FakeService = (variables) => {
    urgencyTags.push(variables.urgency);
    return {};
  };
  const run = await runModel(
    source,
    {
      templateNeeds: TEMPLATE_NEEDS,
      services: { 'case.urgency': tagUrgency, 'linshi.approvalLevel': approvalLevel },
    },
    startVariables,
    script,
  );
  return { ...run, urgencyTags };
}

// ---- start variables as the host passes them (start form values already typed: money in fen) ----
const EMERGENCY = {
  applicantName: '张三',
  regionCode: '410799100201',
  nearRelative: false,
  category: 'emergency',
  urgency: 'red',
  hardship: '住房夜间失火，房屋和口粮全部烧毁',
  requestedAmount: 300000,
};
const EXPENDITURE = {
  ...EMERGENCY,
  category: 'expenditure',
  urgency: 'blue',
  hardship: '配偶患急性白血病住院，自付医疗费用约6万元',
  requestedAmount: 500000,
};

// ---- form submissions, as a client would send them (money as yuan strings) ----
const emergencyGrant = {
  emergencyAction: 'grant',
  situation: '现场核实火灾属实，家庭无其他住所',
  amount: '3000',
  paymentMethod: 'cash',
  grantDate: '2026-11-23',
  handlers: ['王明', '赵丽'],
  urgency: 'yellow',
};
const formalities = {
  completionDate: '2026-11-27',
  grantReason: '住房失火，基本生活暂时出现严重困难',
  signatories: ['王明', '赵丽'],
  approver: '李华',
  sealed: true,
};
const served = {
  serviceMethod: 'direct',
  serviceDate: '2026-11-27',
  recipient: '张三',
  servers: ['王明', '赵丽'],
  serviceAddress: '城关镇东关村3组12号',
};
const accept = { decision: 'accept' };
const investigation = {
  investigators: ['王明', '赵丽'],
  visitDate: '2026-11-24',
  findings: '家庭三人，年收入约3.2万元，无存款',
};
const review = (proposedAmount: string) => ({
  opinion: 'eligible',
  proposedAmount,
  reviewOpinion: '因病刚性支出超出家庭承受能力',
});
const noObjection = { objection: false };
const grant = (amount: string) => ({
  approvalDecision: 'grant',
  amount,
  facts: '经调查核实，家庭因重病产生大额自付医疗费用',
  reasons: '符合支出型临时救助条件',
});
const refuse = {
  approvalDecision: 'refuse',
  facts: '家庭有银行存款12万元',
  reasons: '刚性支出未超出家庭承受能力',
};
const throughAcceptance: Script = {
  Task_AcceptanceReview: [accept],
  Task_ServeAcceptanceNotice: [served],
  Task_Investigation: [investigation],
};
const ACCEPTED_DOCUMENTS = ['linshi-authorization', 'linshi-acceptance-notice', 'service-receipt'];
const SEVEN_DAYS_MS = 7 * 24 * 60 * 60 * 1000;

describe('processes/temporary-assistance.bpmn', () => {
  let definitions: BpmnElement;

  beforeAll(async () => {
    const result = await validateModel(source, { templates: TEMPLATES, services: SERVICES });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    definitions = result.definitions as BpmnElement;
  });

  const flowElements = () => flowElementsOf(definitions);
  const element = (id: string) => flowElements().find((e) => e.id === id);

  it('is the 临时救助 application process, asking for category, urgency, hardship and amount at start', () => {
    const info = readProcessInfo(definitions)!;
    expect(info).toMatchObject({
      key: 'temporary-assistance',
      program: 'linshi',
      kind: 'application',
      caseNoPrefix: 'LS',
    });
    expect(info.startForm.map((f) => [f.id, f.type])).toEqual([
      ['category', 'enum'],
      ['urgency', 'enum'],
      ['hardship', 'text'],
      ['requestedAmount', 'money'],
    ]);
    expect(info.startForm[1].options.map((o) => o.id)).toEqual(['red', 'yellow', 'blue', 'green']);
    const start = { category: 'expenditure', urgency: 'orange', hardship: '住院', requestedAmount: '5000' };
    expect(validateFormData(info.startForm, start).errors).toEqual([
      {
        field: 'urgency',
        message: expect.stringContaining('“紧急程度（四色）”的取值 "orange" 不在可选范围内'),
      },
    ]);
    expect(validateFormData(info.startForm, { category: 'emergency', urgency: 'red' }).errors).toEqual([
      { field: 'hardship', message: expect.stringContaining('困难情形') },
    ]);
  });

  it('passes the legal lint: adverse ends carry remedies, every served document is followed by service', async () => {
    expect(
      lintLegalCompleteness(definitions, {
        remedyTemplates: REMEDY,
        servedTemplates: SERVED,
        serviceRecordTemplates: ['service-receipt'],
      }),
    ).toEqual({ errors: [], warnings: [] });
    // The same lint objects once the refusal is no longer followed by its 送达回证.
    const broken = source.replace(
      'sourceRef="Task_IssueRefusalDecision" targetRef="Task_ServeRefusal"',
      'sourceRef="Task_IssueRefusalDecision" targetRef="EndEvent_Refused"',
    );
    expect(broken).not.toEqual(source);
    const brokenDefinitions = (await validateModel(broken, { templates: TEMPLATES, services: SERVICES }))
      .definitions as BpmnElement;
    const lint = lintLegalCompleteness(brokenDefinitions, {
      remedyTemplates: REMEDY,
      servedTemplates: SERVED,
      serviceRecordTemplates: ['service-receipt'],
    });
    expect(lint.errors.map((e) => e.elementId)).toContain('Task_IssueRefusalDecision');
  });

  it('has a diagram shape or edge for every flow element (opens in bpmn-js)', () => {
    expectEveryElementDrawn(definitions);
  });

  it('gives every user task a known role, a form and a deadline; 先行救助 is due the same day', () => {
    expect(expectUserTasksStaffed(definitions).length).toBeGreaterThanOrEqual(14);
    expect(readUserTaskInfo(element('Task_EmergencyGrant'))).toMatchObject({
      candidateGroups: ['township_reviewer'],
      due: { amount: 0, unit: 'D' },
      legalBasis: expect.stringContaining('第四十八条'),
    });
    expect(readUserTaskInfo(element('Task_TownshipApproval')).candidateGroups).toEqual(['township_reviewer']);
    expect(readUserTaskInfo(element('Task_CountyApproval')).candidateGroups).toEqual(['county_approver']);
    const serve = readUserTaskInfo(element('Task_ServeRefusal')).fields.map((f) => f.id);
    expect(serve).toEqual([
      'serviceMethod',
      'serviceDate',
      'recipient',
      'serviceAddress',
      'servers',
      'witnesses',
      'evidence',
    ]);
  });

  it('急难型: pays the same day, completes the formalities afterwards, then decides and serves', async () => {
    const run = await runCase(EMERGENCY, {
      Task_EmergencyGrant: [emergencyGrant],
      Task_CompleteFormalities: [formalities],
      Task_ServeEmergencyDecision: [served],
    });
    expect(run.issued).toEqual([
      'linshi-emergency-register',
      'linshi-completion-record',
      'linshi-grant-decision',
      'service-receipt',
    ]);
    expect(run.tasks).toEqual([
      { id: 'Task_EmergencyGrant', candidateGroups: ['township_reviewer'], due: { amount: 0, unit: 'D' } },
      {
        id: 'Task_CompleteFormalities',
        candidateGroups: ['township_reviewer'],
        due: { amount: 5, unit: 'WD' },
      },
      {
        id: 'Task_ServeEmergencyDecision',
        candidateGroups: ['window_clerk'],
        due: { amount: 3, unit: 'WD' },
      },
    ]);
    // Tagged at start, re-tagged by the 先行救助 step.
    expect(run.urgencyTags).toEqual(['red', 'yellow']);
    expect(run.timers).toEqual([]);
    expect(run.variablesAtIssue['linshi-emergency-register']).toMatchObject({
      amount: 300000,
      paymentMethod: 'cash',
    });
    expect(run.variablesAtIssue['linshi-grant-decision']).toMatchObject({
      category: 'emergency',
      amount: 300000,
    });
    expect(run.outcome).toBe('granted');
  });

  it('the completion needs two staff signatures and the seal', async () => {
    const { fields } = readUserTaskInfo(element('Task_CompleteFormalities'));
    expect(validateFormData(fields, { ...formalities, signatories: ['王明'] }).errors).toEqual([
      { field: 'signatories', message: '“经办人员签字”至少需要 2 项' },
    ]);
    await expect(
      runCase(EMERGENCY, {
        Task_EmergencyGrant: [{ ...emergencyGrant, handlers: undefined }],
      }),
    ).rejects.toThrow('Task_IssueEmergencyRegister 出具 linshi-emergency-register 缺少变量 handlers');
  });

  it('急难型 found not urgent: continues under the full 支出型 procedure', async () => {
    const run = await runCase(EMERGENCY, {
      Task_EmergencyGrant: [{ emergencyAction: 'regular', situation: '不属于突发急难情形' }],
      ...throughAcceptance,
      Task_TownshipReview: [review('800')],
      Task_RecordPublicNoticeResult: [noObjection],
      Task_TownshipApproval: [grant('800')],
      Task_ServeGrant: [served],
    });
    expect(run.issued).not.toContain('linshi-emergency-register');
    expect(run.issued[0]).toBe('linshi-authorization');
    expect(run.outcome).toBe('granted');
  });

  it('支出型, small amount: township approves under entrustment', async () => {
    const run = await runCase(EXPENDITURE, {
      ...throughAcceptance,
      Task_TownshipReview: [review('1000')],
      Task_RecordPublicNoticeResult: [noObjection],
      Task_TownshipApproval: [grant('1000')],
      Task_ServeGrant: [served],
    });
    expect(run.issued).toEqual([
      ...ACCEPTED_DOCUMENTS,
      'linshi-public-notice',
      'linshi-approval-form',
      'linshi-grant-decision',
      'service-receipt',
    ]);
    expect(run.tasks.map((t) => t.id)).toEqual([
      'Task_AcceptanceReview',
      'Task_ServeAcceptanceNotice',
      'Task_Investigation',
      'Task_TownshipReview',
      'Task_RecordPublicNoticeResult',
      'Task_TownshipApproval',
      'Task_ServeGrant',
    ]);
    expect(run.timers.map((t) => t.id)).toEqual(['Timer_PublicNoticePeriod']);
    expect(run.timers[0].delay).toBeGreaterThanOrEqual(SEVEN_DAYS_MS);
    expect(run.timers[0].delay).toBeLessThan(SEVEN_DAYS_MS + 1000);
    expect(run.urgencyTags).toEqual(['blue']);
    expect(run.variablesAtIssue['linshi-approval-form']).toMatchObject({
      approvalLevel: 'township',
      amount: 100000,
    });
    expect(run.outcome).toBe('granted');
  });

  it('支出型, large amount: the county approves', async () => {
    const run = await runCase(EXPENDITURE, {
      ...throughAcceptance,
      Task_TownshipReview: [review('1000.01')],
      Task_RecordPublicNoticeResult: [noObjection],
      Task_CountyApproval: [grant('3000')],
      Task_ServeGrant: [served],
    });
    expect(run.tasks.map((t) => t.id)).toContain('Task_CountyApproval');
    expect(run.tasks.map((t) => t.id)).not.toContain('Task_TownshipApproval');
    expect(run.tasks.find((t) => t.id === 'Task_CountyApproval')).toEqual({
      id: 'Task_CountyApproval',
      candidateGroups: ['county_approver'],
      due: { amount: 10, unit: 'WD' },
    });
    expect(run.variablesAtIssue['linshi-grant-decision']).toMatchObject({
      approvalLevel: 'county',
      amount: 300000,
    });
    expect(run.outcome).toBe('granted');
  });

  it('refuses in writing with reasons and serves the decision', async () => {
    const run = await runCase(EXPENDITURE, {
      ...throughAcceptance,
      Task_TownshipReview: [review('600')],
      Task_RecordPublicNoticeResult: [noObjection],
      Task_TownshipApproval: [refuse],
      Task_ServeRefusal: [served],
    });
    expect(run.issued.slice(-3)).toEqual([
      'linshi-approval-form',
      'linshi-refusal-decision',
      'service-receipt',
    ]);
    expect(run.variablesAtIssue['linshi-refusal-decision']).toMatchObject({
      approvalLevel: 'township',
      ...refuse,
    });
    expect(run.outcome).toBe('refused');
  });

  it('publicises an ineligible review opinion too before the county decides', async () => {
    const run = await runCase(EXPENDITURE, {
      ...throughAcceptance,
      Task_TownshipReview: [{ opinion: 'ineligible', reviewOpinion: '家庭存款足以承担医疗支出' }],
      Task_RecordPublicNoticeResult: [noObjection],
      Task_CountyApproval: [refuse],
      Task_ServeRefusal: [served],
    });
    expect(run.issued.filter((t) => t === 'linshi-public-notice')).toHaveLength(1);
    expect(run.timers.map((t) => t.id)).toEqual(['Timer_PublicNoticePeriod']);
    expect(run.tasks.map((t) => t.id)).toContain('Task_CountyApproval');
    expect(run.outcome).toBe('refused');
  });

  it('re-checks after an objection, with a new review and a new public notice', async () => {
    const run = await runCase(EXPENDITURE, {
      ...throughAcceptance,
      Task_TownshipReview: [review('900'), review('700')],
      Task_RecordPublicNoticeResult: [
        { objection: true, objectionDetails: '群众反映其有经营收入' },
        noObjection,
      ],
      Task_Recheck: [{ recheckFindings: '经营收入已停业' }],
      Task_TownshipApproval: [grant('700')],
      Task_ServeGrant: [served],
    });
    expect(run.issued.filter((t) => t === 'linshi-public-notice')).toHaveLength(2);
    expect(run.timers).toHaveLength(2);
    expect(run.variablesAtIssue['linshi-grant-decision'].amount).toBe(70000);
    expect(run.outcome).toBe('granted');
  });

  it('does not accept an application, with a served notice stating the remedy', async () => {
    const run = await runCase(EXPENDITURE, {
      Task_AcceptanceReview: [{ decision: 'refuse', reasons: '户籍和居住地均不在本乡镇' }],
      Task_ServeNonAcceptance: [served],
    });
    expect(run.issued).toEqual(['linshi-authorization', 'linshi-non-acceptance-notice', 'service-receipt']);
    expect(run.outcome).toBe('not-accepted');
  });

  it('asks once for missing materials, then accepts', async () => {
    const run = await runCase(EXPENDITURE, {
      ...throughAcceptance,
      Task_AcceptanceReview: [{ decision: 'supplement', missingMaterials: ['住院费用清单'] }, accept],
      Task_ServeSupplementNotice: [served],
      Task_RecordSupplement: [{ suppliedMaterials: ['住院费用清单'], suppliedDate: '2026-11-25' }],
      Task_TownshipReview: [review('500')],
      Task_RecordPublicNoticeResult: [noObjection],
      Task_TownshipApproval: [grant('500')],
      Task_ServeGrant: [served],
    });
    expect(run.issued.slice(0, 5)).toEqual([
      'linshi-authorization',
      'linshi-supplement-notice',
      'service-receipt',
      'linshi-acceptance-notice',
      'service-receipt',
    ]);
    expect(run.outcome).toBe('granted');
  });
});
