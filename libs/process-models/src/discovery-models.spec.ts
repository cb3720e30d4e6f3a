/**
 * The proactive-discovery warning loop (processes/warning-loop.bpmn) and the complaint procedure
 * (processes/complaint.bpmn): validated, linted like a deploy, and run in memory with bare
 * bpmn-engine through every path (testing/run-model.ts drives the engine the way the host must).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { validateFormData } from './form-validation';
import { lintLegalCompleteness } from './legal-lint';
import { readProcessInfo } from './process-info';
import { runModel, type FakeService, type Script, type Variables } from './testing/run-model';
import { validateModel, type BpmnElement } from './validate-model';
import { expectEveryElementDrawn, expectUserTasksStaffed } from './testing/model-structure';

const ROOT = join(__dirname, '../../..');
const read = (file: string) => readFileSync(join(ROOT, 'processes', file), 'utf8');

/** Template manifests, as the deploy check sees them (ids, remedy and delivery flags). */
const manifests = readdirSync(join(ROOT, 'templates'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map(
    (d) =>
      JSON.parse(readFileSync(join(ROOT, 'templates', d.name, 'manifest.json'), 'utf8')) as {
        id: string;
        remedy: boolean;
        delivery?: string;
      },
  );

/** Variables each template reads; issuing without them fails the run. */
const TEMPLATE_NEEDS: Record<string, string[]> = {
  'warning-assessment-record': [
    'eventTypeName',
    'riskLevelName',
    'matchSummary',
    'investigators',
    'visitDate',
    'findings',
    'needs',
  ],
  'warning-policy-notice': ['eventTypeName', 'assistance'],
  'complaint-reply': [
    'complainantName',
    'receivedDate',
    'complaintContent',
    'findings',
    'substantiated',
    'handling',
  ],
  'service-receipt': ['serviceMethod', 'serviceDate', 'recipient', 'servers', 'serviceAddress'],
};

/** Stand-ins for the domain services: each returns variables as the host would assign them. */
const FAKE_SERVICES: Record<string, FakeService> = {
  'monitoring.match': () => ({ matchedCaseNos: ['DIBAO-2026-000001'], matchSummary: '比对到 1 件救助案件' }),
  'monitoring.referApplication': (vars) => ({
    referralProgram: vars.assistance,
    referralProgramName: '最低生活保障',
    referralStatus: '已告知并协助申请',
  }),
};

const runCase = (source: string, startVariables: Variables, script: Script) =>
  runModel(source, { templateNeeds: TEMPLATE_NEEDS, services: FAKE_SERVICES }, startVariables, script);

async function checkModel(source: string) {
  const report = await validateModel(source, {
    services: ['document.issue', 'monitoring.match', 'monitoring.referApplication'],
    templates: manifests.map((m) => m.id),
  });
  const definitions = report.definitions as BpmnElement;
  const legal = lintLegalCompleteness(definitions, {
    remedyTemplates: manifests.filter((m) => m.remedy).map((m) => m.id),
    servedTemplates: manifests.filter((m) => m.delivery === 'served').map((m) => m.id),
  });
  return { report, legal, definitions };
}

const served = {
  serviceMethod: 'direct',
  serviceDate: '2026-11-30',
  recipient: '张秀兰',
  servers: ['李窗口', '赵调查'],
  serviceAddress: '平安县城关镇东关村三组18号',
};

describe('processes/warning-loop.bpmn', () => {
  const source = read('warning-loop.bpmn');
  const START = {
    applicantName: '张秀兰',
    nearRelative: false,
    regionCode: '410799100201',
    eventType: 'hospitalization',
    eventTypeName: '住院（高额医疗费用）',
    riskLevel: 'high',
    riskLevelName: '高',
  };
  const verify = {
    investigators: ['赵调查', '刘协理'],
    visitDate: '2026-11-20',
    findings: '本人住院，家庭存款已用于治疗，生活困难属实。',
    needs: '建议启动最低生活保障申请。',
  };
  const lift = { liftReason: '已落实帮扶措施', liftDate: '2026-11-25' };
  let definitions: BpmnElement;

  beforeAll(async () => {
    const checked = await checkModel(source);
    expect(checked.report.errors).toEqual([]);
    expect(checked.report.warnings).toEqual([]);
    expect(checked.legal.errors).toEqual([]);
    definitions = checked.definitions;
  });

  it('is a monitoring process numbered YJ, drawn completely, every user task with role, form and deadline', () => {
    expect(readProcessInfo(definitions)).toMatchObject({
      key: 'warning-loop',
      program: 'monitoring',
      kind: 'monitoring',
      caseNoPrefix: 'YJ',
    });
    expectEveryElementDrawn(definitions);
    expect(expectUserTasksStaffed(definitions).length).toBeGreaterThan(0);
  });

  it('runs the seven steps to a 低保 referral (informed, helped to apply) and lifts the warning', async () => {
    const run = await runCase(source, START, {
      Task_Verify: [verify],
      Task_JointReview: [{ assistance: 'dibao', reviewOpinion: '可能符合低保条件，告知政策并协助申请。' }],
      Task_LiftWarning: [lift],
      Task_ServePolicyNotice: [served],
    });
    expect(run.services.map((s) => s.service)).toEqual([
      'monitoring.match',
      'document.issue',
      'monitoring.referApplication',
      'document.issue',
      'document.issue',
    ]);
    expect(run.issued).toEqual(['warning-assessment-record', 'warning-policy-notice', 'service-receipt']);
    expect(run.tasks.map((t) => [t.id, t.candidateGroups[0], t.due])).toEqual([
      ['Task_Verify', 'investigator', { amount: 5, unit: 'WD' }],
      ['Task_JointReview', 'township_reviewer', { amount: 3, unit: 'WD' }],
      ['Task_LiftWarning', 'township_reviewer', { amount: 5, unit: 'WD' }],
      ['Task_ServePolicyNotice', 'window_clerk', { amount: 3, unit: 'WD' }],
    ]);
    expect(run.variablesAtIssue['warning-policy-notice']).toMatchObject({
      assistance: 'dibao',
      referralProgramName: '最低生活保障',
      liftReason: '已落实帮扶措施',
    });
    expect(run.outcome).toBe('lifted');
  });

  it.each(['tekun', 'dibian', 'linshi'])('refers %s the same way', async (assistance) => {
    const run = await runCase(source, START, {
      Task_Verify: [verify],
      Task_JointReview: [{ assistance, reviewOpinion: '联审意见' }],
      Task_LiftWarning: [lift],
      Task_ServePolicyNotice: [served],
    });
    expect(run.services.map((s) => s.service)).toContain('monitoring.referApplication');
    expect(run.outcome).toBe('lifted');
  });

  it('records a referral instead of an application', async () => {
    const run = await runCase(source, START, {
      Task_Verify: [verify],
      Task_JointReview: [{ assistance: 'referral', reviewOpinion: '属医疗救助范围，转介医保部门。' }],
      Task_Referral: [{ referralDepartment: '县医疗保障局', referralDate: '2026-11-21' }],
      Task_LiftWarning: [lift],
      Task_ServePolicyNotice: [served],
    });
    expect(run.services.map((s) => s.service)).not.toContain('monitoring.referApplication');
    expect(run.tasks.map((t) => t.id)).toContain('Task_Referral');
    expect(run.variablesAtIssue['warning-policy-notice']).toMatchObject({
      referralDepartment: '县医疗保障局',
    });
    expect(run.outcome).toBe('lifted');
  });

  it('lifts without intervention when no help fits, still informing of the policies', async () => {
    const run = await runCase(source, START, {
      Task_Verify: [verify],
      Task_JointReview: [{ assistance: 'none', reviewOpinion: '家庭收入稳定，暂不需要救助。' }],
      Task_LiftWarning: [lift],
      Task_ServePolicyNotice: [served],
    });
    expect(run.tasks.map((t) => t.id)).toEqual([
      'Task_Verify',
      'Task_JointReview',
      'Task_LiftWarning',
      'Task_ServePolicyNotice',
    ]);
    expect(run.issued).toEqual(['warning-assessment-record', 'warning-policy-notice', 'service-receipt']);
  });

  it('refuses a verification by one person (at least two investigators)', async () => {
    await expect(
      runCase(source, START, { Task_Verify: [{ ...verify, investigators: ['赵调查'] }] }),
    ).rejects.toThrow('“核实人员”至少需要 2 项');
  });
});

describe('processes/complaint.bpmn', () => {
  const source = read('complaint.bpmn');
  const register = { channel: 'phone', receivedDate: '2026-11-05', category: 'fraud' };
  const investigate = {
    investigators: ['孙审批', '周核查'],
    findings: '经入户核查，反映情况不属实。',
    substantiated: false,
    handling: '继续保障。',
  };
  let definitions: BpmnElement;

  beforeAll(async () => {
    const checked = await checkModel(source);
    expect(checked.report.errors).toEqual([]);
    expect(checked.report.warnings).toEqual([]);
    expect(checked.legal.errors).toEqual([]);
    definitions = checked.definitions;
  });

  it('is a procedure on every program, started by window, township and county staff', () => {
    expect(readProcessInfo(definitions)).toMatchObject({
      key: 'complaint',
      kind: 'procedure',
      appliesTo: ['dibao', 'tekun', 'dibian', 'linshi'],
      starterGroups: ['window_clerk', 'township_reviewer', 'county_approver'],
    });
    const startForm = readProcessInfo(definitions)!.startForm;
    expect(startForm.map((f) => f.id)).toEqual([
      'complainantName',
      'realName',
      'contact',
      'complaintContent',
    ]);
    expect(validateFormData(startForm, { realName: false }).errors).toEqual([
      { field: 'complaintContent', message: expect.stringContaining('投诉举报内容') },
    ]);
    expectEveryElementDrawn(definitions);
    expect(expectUserTasksStaffed(definitions).length).toBeGreaterThan(0);
  });

  it('replies in writing to a real-name complainant and serves the reply', async () => {
    const run = await runCase(
      source,
      { complainantName: '李明', realName: true, contact: '13900000000', complaintContent: '反映某户有车' },
      {
        Task_Register: [register],
        Task_Investigate: [investigate],
        Task_ServeReply: [{ ...served, recipient: '李明' }],
      },
    );
    expect(run.issued).toEqual(['complaint-reply', 'service-receipt']);
    expect(run.tasks.map((t) => [t.id, t.candidateGroups[0], t.due])).toEqual([
      ['Task_Register', 'window_clerk', { amount: 1, unit: 'WD' }],
      ['Task_Investigate', 'county_approver', { amount: 10, unit: 'WD' }],
      ['Task_ServeReply', 'window_clerk', { amount: 3, unit: 'WD' }],
    ]);
    expect(run.outcome).toBe('replied');
  });

  it('closes an anonymous report after the investigation, with no one to serve', async () => {
    const run = await runCase(
      source,
      { realName: false, complaintContent: '匿名反映某户有车' },
      { Task_Register: [register], Task_Investigate: [investigate] },
    );
    expect(run.issued).toEqual([]);
    expect(run.outcome).toBe('anonymous-closed');
  });
});
