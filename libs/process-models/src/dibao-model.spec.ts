/**
 * The 低保 model, validated and then run in memory with bare bpmn-engine through every path
 * (testing/run-model.ts drives the engine the way the host must).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readUserTaskInfo } from './element-info';
import { validateFormData } from './form-validation';
import { runModel, type FakeService, type Script, type Variables } from './testing/run-model';
import { validateModel, type BpmnElement } from './validate-model';
import { expectEveryElementDrawn, expectUserTasksStaffed, flowElementsOf } from './testing/model-structure';

const MODEL_PATH = join(__dirname, '../../../processes/dibao-application.bpmn');
const source = readFileSync(MODEL_PATH, 'utf8');

const TEMPLATES = [
  'verification-authorization',
  'acceptance-notice',
  'non-acceptance-notice',
  'ineligibility-notice',
  'supplement-notice',
  'home-visit-record',
  'first-instance-opinion',
  'public-notice',
  'confirmation-notice',
  'non-confirmation-decision',
  'service-receipt',
  'dibao-application-form',
  'family-declaration',
  'near-relative-registration',
  'verification-request-letter',
  'neighbour-visit-record',
  'county-home-visit-record',
  'review-termination-notice',
  'public-notice-objection-record',
  'county-review-form',
  'evidence-request-letter',
];

/** Variables each template reads; issuing without them fails the run, so the model must collect them first. */
const TEMPLATE_NEEDS: Record<string, string[]> = {
  'verification-authorization': ['applicantName'],
  'non-acceptance-notice': ['reasons'],
  'ineligibility-notice': ['reasons'],
  'supplement-notice': ['missingMaterials'],
  'home-visit-record': ['investigators', 'visitDate', 'findings'],
  'first-instance-opinion': ['opinion', 'reasons'],
  'public-notice': ['applicantName', 'opinion'],
  'confirmation-notice': ['amount', 'coveredPersons'],
  'non-confirmation-decision': ['facts', 'reasons', 'legalBasis'],
  'service-receipt': ['serviceMethod', 'serviceDate', 'recipient', 'servers', 'serviceAddress'],
  'dibao-application-form': ['applicantName', 'nearRelative'],
  'near-relative-registration': ['nearRelative'],
  'neighbour-visit-record': ['neighbourVisit'],
  'county-home-visit-record': ['countyInvestigators', 'countyVisitDate', 'countyFindings'],
  'review-termination-notice': ['nonCooperationDetails'],
  'public-notice-objection-record': ['objectionDetails', 'recheckMethod', 'recheckFindings'],
  'county-review-form': ['opinion', 'decision', 'reasons'],
  'evidence-request-letter': ['subjectName', 'recipientUnit', 'requestedItems', 'replyDeadline'],
};

/** Issued at the start of every application: 申请书, 书面声明及诚信承诺书, 核对授权书 (LEGAL §5 #1–#3). */
const START_DOCS = ['dibao-application-form', 'family-declaration', 'verification-authorization'];
/** Issued from acceptance through the neighbour visit: 受理通知书, 核对提请函 (#9), 入户调查表, 邻里访问记录 (#12). */
const INVESTIGATION_DOCS = [
  'acceptance-notice',
  'verification-request-letter',
  'home-visit-record',
  'neighbour-visit-record',
];

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

// ---- form submissions, as a client would send them (money as yuan strings) ----
const START = { applicantName: '张三', nearRelative: false, regionCode: '150102' };
const accept = { decision: 'accept' };
const infoCheck = {
  checkReportNo: 'HD-2025-0012',
  checkFindings: '未发现不符合条件的财产',
  cooperation: 'cooperative',
};
const homeVisit = {
  cooperation: 'cooperative',
  investigators: ['王五', '赵六'],
  visitDate: '2025-03-04',
  findings: '家庭成员三人，无稳定收入',
};
const neighbours = {
  neighbourVisit: '邻居反映情况属实',
  neighbourVisitDate: '2025-03-05',
  neighbourVisitors: ['王五', '赵六'],
};
const eligible = {
  opinion: 'eligible',
  proposedAmount: '865.50',
  coveredPersons: '3',
  reasons: '家庭人均收入低于当地低保标准',
};
const ineligible = { opinion: 'ineligible', coveredPersons: '3', reasons: '家庭人均收入高于当地低保标准' };
const noObjection = { objection: false };
const confirm = {
  decision: 'confirm',
  amount: '865.50',
  coveredPersons: 3,
  facts: '经调查核实……',
  reasons: '符合低保条件',
  legalBasis: '《最低生活保障审核确认办法》第二十一条',
};
const refuse = {
  decision: 'refuse',
  facts: '经核对，家庭有机动车两辆',
  reasons: '家庭财产状况不符合规定',
  legalBasis: '《最低生活保障审核确认办法》第二十一条',
};
const served = {
  serviceMethod: 'direct',
  serviceDate: '2025-04-01',
  recipient: '张三',
  servers: ['王五', '赵六'],
  serviceAddress: '新城区某街道 1 号',
};
const servedLeft = {
  serviceMethod: 'left',
  serviceDate: '2025-04-02',
  recipient: '张三',
  servers: ['王五', '赵六'],
  witnesses: ['社区主任 刘七'],
  serviceAddress: '新城区某街道 1 号',
};

const investigation: Script = {
  Task_AcceptanceReview: [accept],
  Task_InformationCheck: [infoCheck],
  Task_HomeVisit: [homeVisit],
  Task_NeighbourVisit: [neighbours],
};
const SEVEN_DAYS_MS = 7 * 24 * 60 * 60 * 1000;

describe('processes/dibao-application.bpmn', () => {
  let definitions: BpmnElement;

  beforeAll(async () => {
    const result = await validateModel(source, { templates: TEMPLATES });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    definitions = result.definitions as BpmnElement;
  });

  const flowElements = () => flowElementsOf(definitions);

  it('has a diagram shape or edge for every flow element (opens in bpmn-js)', () => {
    expectEveryElementDrawn(definitions);
  });

  it('gives every user task a known role, a form and a deadline', () => {
    expect(expectUserTasksStaffed(definitions).length).toBeGreaterThanOrEqual(14);
    expect(readUserTaskInfo(flowElements().find((e) => e.id === 'Task_CountyConfirmation'))).toMatchObject({
      candidateGroups: ['county_approver'],
      due: { amount: 10, unit: 'WD' },
      legalBasis: expect.stringContaining('第二十一条'),
    });
  });

  it('lets the form validation enforce the model’s constraints (home visit needs two investigators)', () => {
    const { fields } = readUserTaskInfo(flowElements().find((e) => e.id === 'Task_HomeVisit'));
    expect(validateFormData(fields, { ...homeVisit, investigators: ['王五'] }).errors).toEqual([
      { field: 'investigators', message: '“调查人员”至少需要 2 项' },
    ]);
    const county = readUserTaskInfo(flowElements().find((e) => e.id === 'Task_CountyConfirmation'));
    expect(validateFormData(county.fields, { ...confirm, amount: '865.555' }).errors).toEqual([
      { field: 'amount', message: '“保障金额（元/月）”不是有效的金额' },
    ]);
  });

  it('confirms an eligible household', async () => {
    const run = await runCase(START, {
      ...investigation,
      Task_TownshipReview: [eligible],
      Task_RecordPublicNoticeResult: [noObjection],
      Task_CountyConfirmation: [confirm],
      Task_ServeConfirmation: [served],
    });
    expect(run.issued).toEqual([
      ...START_DOCS,
      ...INVESTIGATION_DOCS,
      'first-instance-opinion',
      'public-notice',
      'county-review-form',
      'confirmation-notice',
      'service-receipt',
    ]);
    expect(run.issued).not.toContain('near-relative-registration');
    expect(run.issued).not.toContain('county-home-visit-record');
    expect(run.outcome).toBe('confirmed');
    expect(run.tasks.map((t) => t.id)).toEqual([
      'Task_AcceptanceReview',
      'Task_InformationCheck',
      'Task_HomeVisit',
      'Task_NeighbourVisit',
      'Task_TownshipReview',
      'Task_RecordPublicNoticeResult',
      'Task_CountyConfirmation',
      'Task_ServeConfirmation',
    ]);
    expect(run.tasks.find((t) => t.id === 'Task_InformationCheck')).toEqual({
      id: 'Task_InformationCheck',
      candidateGroups: ['investigator'],
      due: { amount: 3, unit: 'WD' },
    });
    // bpmn-elements takes "now" twice (parse, then timeout), so the delay can be a few ms over.
    expect(run.timers.map((t) => t.id)).toEqual(['Timer_PublicNoticePeriod']);
    expect(run.timers[0].delay).toBeGreaterThanOrEqual(SEVEN_DAYS_MS);
    expect(run.timers[0].delay).toBeLessThan(SEVEN_DAYS_MS + 1000);
    expect(run.variablesAtIssue['public-notice']).toMatchObject({
      proposedAmount: 86550,
      coveredPersons: 3,
      applicantName: '张三',
    });
    expect(run.variablesAtIssue['confirmation-notice']).toMatchObject({ amount: 86550, decision: 'confirm' });
  });

  it('issues a 信函索证函 when the investigators ask a unit for evidence (第十六条), and none otherwise', async () => {
    const run = await runCase(START, {
      ...investigation,
      Task_NeighbourVisit: [
        {
          ...neighbours,
          evidenceRequest: true,
          subjectName: '李四',
          recipientUnit: '平安县某建材有限公司',
          requestedItems: '申请人配偶的务工起止时间和每月实发工资',
          replyDeadline: '2099-12-04',
        },
      ],
      Task_TownshipReview: [eligible],
      Task_RecordPublicNoticeResult: [noObjection],
      Task_CountyConfirmation: [confirm],
      Task_ServeConfirmation: [served],
    });
    const issued = run.issued;
    expect(issued.indexOf('evidence-request-letter')).toBe(issued.indexOf('neighbour-visit-record') + 1);
    expect(run.variablesAtIssue['evidence-request-letter']).toMatchObject({
      recipientUnit: '平安县某建材有限公司',
    });
    expect(run.outcome).toBe('confirmed');
  });

  it('refuses at county and serves the written decision', async () => {
    const run = await runCase(START, {
      ...investigation,
      Task_TownshipReview: [eligible],
      Task_RecordPublicNoticeResult: [noObjection],
      Task_CountyConfirmation: [refuse],
      Task_ServeNonConfirmation: [servedLeft],
    });
    expect(run.issued).toEqual([
      ...START_DOCS,
      ...INVESTIGATION_DOCS,
      'first-instance-opinion',
      'public-notice',
      'county-review-form',
      'non-confirmation-decision',
      'service-receipt',
    ]);
    expect(run.outcome).toBe('refused');
    expect(run.tasks.at(-1)).toEqual({
      id: 'Task_ServeNonConfirmation',
      candidateGroups: ['window_clerk'],
      due: { amount: 3, unit: 'WD' },
    });
    expect(run.variablesAtIssue['service-receipt']).toMatchObject({
      serviceMethod: 'left',
      witnesses: ['社区主任 刘七'],
    });
  });

  it('publicises an ineligible first-instance opinion too before the county decides (第十九条)', async () => {
    const run = await runCase(START, {
      ...investigation,
      Task_TownshipReview: [ineligible],
      Task_RecordPublicNoticeResult: [noObjection],
      Task_CountyConfirmation: [refuse],
      Task_ServeNonConfirmation: [served],
    });
    expect(run.issued).toEqual([
      ...START_DOCS,
      ...INVESTIGATION_DOCS,
      'first-instance-opinion',
      'public-notice',
      'county-review-form',
      'non-confirmation-decision',
      'service-receipt',
    ]);
    expect(run.timers.map((t) => t.id)).toEqual(['Timer_PublicNoticePeriod']);
    expect(run.outcome).toBe('refused');
  });

  it('does not accept an application, with a served notice', async () => {
    const run = await runCase(START, {
      Task_AcceptanceReview: [{ decision: 'refuse', reasons: '申请人户籍不在本乡镇' }],
      Task_ServeNonAcceptance: [served],
    });
    expect(run.issued).toEqual([...START_DOCS, 'non-acceptance-notice', 'service-receipt']);
    expect(run.outcome).toBe('not-accepted');
    expect(run.tasks.map((t) => t.id)).toEqual(['Task_AcceptanceReview', 'Task_ServeNonAcceptance']);
  });

  it('stops a clearly ineligible case only after the reviewer confirms, with a served notice', async () => {
    const run = await runCase(
      { ...START, fakeAssessment: { assessed: true, assessedEligible: false } },
      {
        ...investigation,
        Task_ConfirmIneligible: [{ stopDecision: 'stop', reasons: '家庭月人均收入高于保障标准' }],
        Task_ServeIneligibility: [served],
      },
    );
    expect(run.issued.slice(-2)).toEqual(['ineligibility-notice', 'service-receipt']);
    expect(run.outcome).toBe('not-eligible');
    expect(run.tasks.map((t) => t.id)).toContain('Task_ConfirmIneligible');
    expect(run.tasks.map((t) => t.id)).not.toContain('Task_TownshipReview');
  });

  it('lets the reviewer overrule an ineligible assessment and continue to the township review', async () => {
    const run = await runCase(
      { ...START, fakeAssessment: { assessed: true, assessedEligible: false } },
      {
        ...investigation,
        Task_ConfirmIneligible: [{ stopDecision: 'continue', reasons: '核对数据有误，已更正' }],
        Task_TownshipReview: [eligible],
        Task_RecordPublicNoticeResult: [noObjection],
        Task_CountyConfirmation: [confirm],
        Task_ServeConfirmation: [served],
      },
    );
    expect(run.outcome).toBe('confirmed');
    expect(run.issued).not.toContain('ineligibility-notice');
  });

  it('does not stop a case the assessment finds eligible', async () => {
    const run = await runCase(
      { ...START, fakeAssessment: { assessed: true, assessedEligible: true } },
      {
        ...investigation,
        Task_TownshipReview: [eligible],
        Task_RecordPublicNoticeResult: [noObjection],
        Task_CountyConfirmation: [confirm],
        Task_ServeConfirmation: [served],
      },
    );
    expect(run.outcome).toBe('confirmed');
    expect(run.tasks.map((t) => t.id)).not.toContain('Task_ConfirmIneligible');
  });

  it('asks once for missing materials, then accepts', async () => {
    const run = await runCase(START, {
      ...investigation,
      Task_AcceptanceReview: [
        { decision: 'supplement', missingMaterials: ['户口簿复印件', '收入证明'] },
        accept,
      ],
      Task_ServeSupplementNotice: [served],
      Task_RecordSupplement: [
        { suppliedMaterials: ['户口簿复印件', '收入证明'], suppliedDate: '2025-03-10' },
      ],
      Task_TownshipReview: [eligible],
      Task_RecordPublicNoticeResult: [noObjection],
      Task_CountyConfirmation: [confirm],
      Task_ServeConfirmation: [served],
    });
    expect(run.issued.slice(0, 8)).toEqual([
      ...START_DOCS,
      'supplement-notice',
      'service-receipt',
      'acceptance-notice',
      'verification-request-letter',
      'home-visit-record',
    ]);
    expect(run.tasks.slice(0, 4).map((t) => t.id)).toEqual([
      'Task_AcceptanceReview',
      'Task_ServeSupplementNotice',
      'Task_RecordSupplement',
      'Task_AcceptanceReview',
    ]);
    expect(run.variablesAtIssue['supplement-notice'].missingMaterials).toEqual(['户口簿复印件', '收入证明']);
    expect(run.outcome).toBe('confirmed');
  });

  it('re-checks after an objection, with a new opinion and a new public notice', async () => {
    const run = await runCase(START, {
      ...investigation,
      Task_TownshipReview: [eligible, { ...eligible, proposedAmount: '700' }],
      Task_RecordPublicNoticeResult: [
        { objection: true, objectionDetails: '群众反映其有经营收入' },
        noObjection,
      ],
      Task_Recheck: [{ recheckMethod: 'democraticAppraisal', recheckFindings: '民主评议认为收入不稳定' }],
      Task_CountyConfirmation: [{ ...confirm, amount: '700' }],
      Task_ServeConfirmation: [served],
    });
    expect(run.issued).toEqual([
      ...START_DOCS,
      ...INVESTIGATION_DOCS,
      'first-instance-opinion',
      'public-notice',
      'public-notice-objection-record',
      'first-instance-opinion',
      'public-notice',
      'county-review-form',
      'confirmation-notice',
      'service-receipt',
    ]);
    expect(run.timers).toHaveLength(2);
    expect(run.tasks.map((t) => t.id).slice(4, 9)).toEqual([
      'Task_TownshipReview',
      'Task_RecordPublicNoticeResult',
      'Task_Recheck',
      'Task_TownshipReview',
      'Task_RecordPublicNoticeResult',
    ]);
    expect(run.variablesAtIssue['public-notice'].proposedAmount).toBe(70000);
    expect(run.variablesAtIssue['confirmation-notice'].amount).toBe(70000);
    expect(run.outcome).toBe('confirmed');
  });

  it('sends near-relative cases through a county home visit', async () => {
    const script: Script = {
      ...investigation,
      Task_TownshipReview: [eligible],
      Task_RecordPublicNoticeResult: [noObjection],
      Task_CountyHomeVisit: [
        {
          countyInvestigators: ['县局 钱八', '县局 孙九'],
          countyVisitDate: '2025-03-20',
          countyFindings: '情况属实',
        },
      ],
      Task_CountyConfirmation: [confirm],
      Task_ServeConfirmation: [served],
    };
    const run = await runCase({ ...START, nearRelative: true }, script);
    expect(run.tasks.map((t) => t.id).slice(-3)).toEqual([
      'Task_CountyHomeVisit',
      'Task_CountyConfirmation',
      'Task_ServeConfirmation',
    ]);
    expect(run.tasks.find((t) => t.id === 'Task_CountyHomeVisit')?.candidateGroups).toEqual([
      'county_approver',
    ]);
    expect(run.outcome).toBe('confirmed');
    // 单独登记备案 at the start, the county's own visit record and 审核确认表 before its decision.
    expect(run.issued.slice(0, 4)).toEqual([
      'dibao-application-form',
      'family-declaration',
      'near-relative-registration',
      'verification-authorization',
    ]);
    expect(run.issued.slice(-5)).toEqual([
      'public-notice',
      'county-home-visit-record',
      'county-review-form',
      'confirmation-notice',
      'service-receipt',
    ]);

    // Without the flag the same script leaves the county visit unused, which runCase reports.
    await expect(runCase(START, script)).rejects.toThrow('脚本中有未用到的提交：Task_CountyHomeVisit');
  });

  it('terminates the review when the applicant refuses the information check, with a served notice', async () => {
    const refusal = {
      ...infoCheck,
      cooperation: 'refused',
      nonCooperationDetails: '申请人拒绝提供银行流水，经两次书面催告仍不提供',
    };
    const run = await runCase(START, {
      Task_AcceptanceReview: [accept],
      Task_InformationCheck: [refusal],
      Task_ServeTermination: [servedLeft],
    });
    expect(run.issued).toEqual([
      ...START_DOCS,
      'acceptance-notice',
      'verification-request-letter',
      'review-termination-notice',
      'service-receipt',
    ]);
    expect(run.outcome).toBe('terminated');
    expect(run.tasks.map((t) => t.id)).toEqual([
      'Task_AcceptanceReview',
      'Task_InformationCheck',
      'Task_ServeTermination',
    ]);
    expect(run.tasks.at(-1)).toMatchObject({
      candidateGroups: ['window_clerk'],
      due: { amount: 3, unit: 'WD' },
    });
    expect(run.variablesAtIssue['review-termination-notice'].nonCooperationDetails).toContain('银行流水');
  });

  it('terminates the review when the applicant refuses the home visit, keeping the visit record', async () => {
    const run = await runCase(START, {
      Task_AcceptanceReview: [accept],
      Task_InformationCheck: [infoCheck],
      Task_HomeVisit: [
        { ...homeVisit, cooperation: 'refused', nonCooperationDetails: '申请人两次拒绝调查人员入户' },
      ],
      Task_ServeTermination: [served],
    });
    expect(run.issued.slice(-4)).toEqual([
      'verification-request-letter',
      'home-visit-record',
      'review-termination-notice',
      'service-receipt',
    ]);
    expect(run.issued).not.toContain('neighbour-visit-record');
    expect(run.outcome).toBe('terminated');
  });

  it('cannot refuse cooperation without the facts of the refusal: the form itself requires them (showIf)', async () => {
    // The facts are shown and required only when 拒不配合 is chosen, so the termination notice never lacks them.
    await expect(
      runCase(START, {
        Task_AcceptanceReview: [accept],
        Task_InformationCheck: [{ ...infoCheck, cooperation: 'refused' }],
      }),
    ).rejects.toThrow(/Task_InformationCheck 表单无效：“拒不配合的情况”为必填项/);
  });

  it('stops with a clear error when a task gets data its form refuses', async () => {
    await expect(runCase(START, { Task_AcceptanceReview: [{ decision: 'maybe' }] })).rejects.toThrow(
      /Task_AcceptanceReview 表单无效：“受理决定”的取值 "maybe" 不在可选范围内/,
    );
  });
});
