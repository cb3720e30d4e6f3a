import { TestApp, pdfText } from './support/test-app';
import { APPLICATION, drive, openTasks } from './support/case-driver';

/** 临时救助: 急难型 先行救助 then 补办, 支出型 approved by the township (entrusted) or the county, refusal. */
let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => {
  await t?.stop();
});

/** Date answers read the application clock when a form is filled (the tests move the clock). */
function datedToday<T extends object>(answers: T, fields: string[]): T {
  for (const field of fields)
    Object.defineProperty(answers, field, { get: () => t.clock.today(), enumerable: true });
  return answers;
}
const SERVE = {
  serviceMethod: ['direct'],
  serviceAddress: '平安县城关镇东关村3组12号',
  recipient: '王建国',
  servers: ['李窗口', '赵调查'],
};
const EMERGENCY_ANSWERS = {
  emergencyAction: ['grant'],
  situation: '现场核实：住房夜间失火，房屋和口粮全部烧毁，家庭无其他住所。',
  amount: '3000',
  paymentMethod: ['cash'],
  handlers: ['赵调查', '刘协理'],
  grantReason: '住房失火，基本生活暂时出现严重困难',
  signatories: ['赵调查', '刘协理'],
  approver: '孙镇长',
  sealed: true,
  ...SERVE,
};
datedToday(EMERGENCY_ANSWERS, ['grantDate', 'completionDate', 'serviceDate']);
const expenditureAnswers = (amount: string, approvalDecision = 'grant') =>
  datedToday(
    {
      decision: ['accept'],
      investigators: ['赵调查', '冯协理'],
      findings: '家庭三人，年收入约3.2万元，无存款；医保报销后自付医疗费用5.8万元。',
      opinion: ['eligible'],
      proposedAmount: amount,
      reviewOpinion: '因病刚性支出远超家庭承受能力，符合支出型临时救助条件。',
      objection: false,
      approvalDecision: [approvalDecision],
      amount,
      facts: '经调查核实，申请人家庭因重病产生大额自付医疗费用，家庭存款12万元。',
      reasons:
        approvalDecision === 'grant'
          ? '符合支出型临时救助条件'
          : '家庭存款足以承担医疗支出，不符合支出型临时救助条件',
      ...SERVE,
    },
    ['visitDate', 'serviceDate'],
  );

async function applyLinshi(variables: Record<string, unknown>): Promise<string> {
  const res = await (
    await t.as('clerk')
  ).post('/api/cases', { ...APPLICATION, program: 'linshi', variables });
  if (res.status !== 201) throw new Error(`apply failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}
const emergency = (urgency: string) =>
  applyLinshi({
    category: 'emergency',
    urgency,
    hardship: '住房夜间失火，房屋和口粮全部烧毁',
    requestedAmount: '3000',
  });
const expenditure = (requestedAmount: string) =>
  applyLinshi({
    category: 'expenditure',
    urgency: 'blue',
    hardship: '配偶患急性白血病住院治疗',
    requestedAmount,
  });

async function detail(caseId: string) {
  return (await (await t.as('approver')).get(`/api/cases/${caseId}`).expect(200)).body;
}
async function pdfOf(documentId: string): Promise<string> {
  const res = await t.download('approver', `/api/documents/${documentId}/pdf`);
  expect(res.status).toBe(200);
  return pdfText(res.body);
}
/** Templates in the order the model issued them (the activity log's order of the issuing steps). */
async function issueOrder(caseId: string): Promise<string[]> {
  const rows = await t.query<{ template_id: string }>(
    `SELECT d.template_id FROM document d
     JOIN assistance_case c ON c.id = d.case_id
     JOIN activity_log a ON a.instance_id = c.process_instance_id AND a.element_id = d.element_id AND a.event = 'end'
     WHERE d.case_id = $1 ORDER BY a.seq`,
    [caseId],
  );
  return rows.map((r) => r.template_id);
}
async function documentOf(caseId: string, templateId: string) {
  const doc = (await detail(caseId)).documents.find(
    (d: { templateId: string }) => d.templateId === templateId,
  );
  expect(doc).toBeDefined();
  return doc as { id: string; number: string | null };
}
/** Drives a 支出型 case through acceptance, investigation, review and the 7-day 公示 up to the approval. */
async function toApproval(caseId: string, answers: Record<string, unknown>) {
  await drive(t, caseId, answers);
  expect((await openTasks(t, caseId)).length).toBe(0);
  expect(await t.advanceDays(8)).toBeGreaterThanOrEqual(1);
  await drive(t, caseId, answers, /审批/);
  const open = await openTasks(t, caseId);
  expect(open).toHaveLength(1);
  return open[0] as { id: string; name: string; candidateGroups: string[] };
}

describe('急难型: 先行救助 first, 补办 afterwards', () => {
  let caseId: string;

  it('tags the case red and asks the township to pay within the day', async () => {
    caseId = await emergency('red');
    const body = await detail(caseId);
    expect(body.case).toMatchObject({
      program: 'linshi',
      urgency: 'red',
      caseNo: expect.stringMatching(/^LS-\d{4}-\d{6}$/),
    });
    const [task] = await openTasks(t, caseId);
    expect(task).toMatchObject({
      name: '急难情况核实与先行救助（当日）',
      candidateGroups: ['township_reviewer'],
      dueDate: t.clock.today(),
    });
  });

  it('pays, completes the formalities, decides and serves: documents in that order', async () => {
    const done = await drive(t, caseId, EMERGENCY_ANSWERS);
    expect(done).toEqual(['急难情况核实与先行救助（当日）', '补办审批手续', '送达给予临时救助决定书']);
    const body = await detail(caseId);
    expect(body.case).toMatchObject({ status: 'closed', outcome: 'granted' });
    expect(await issueOrder(caseId)).toEqual([
      'linshi-emergency-register',
      'linshi-completion-record',
      'linshi-grant-decision',
      'service-receipt',
    ]);
    const register = await pdfOf((await documentOf(caseId, 'linshi-emergency-register')).id);
    expect(register).toContain('先行救助登记表');
    expect(register).toContain('红色（特别紧急）');
    expect(register).toContain('3000.00元');
    const completion = await pdfOf((await documentOf(caseId, 'linshi-completion-record')).id);
    expect(completion).toContain('孙镇长');
    const [y, m, d] = t.clock.today().split('-').map(Number);
    expect(completion).toContain(`${y}年${m}月${d}日`);
    const decision = await documentOf(caseId, 'linshi-grant-decision');
    expect(decision.number).toMatch(/^平民临救〔\d{4}〕\d+号$/);
    const text = await pdfOf(decision.id);
    expect(text).toContain('先行给予临时救助3000.00元');
    expect(text).toContain('补办审核审批手续');
    expect(text).toContain('六十日内向平安县人民政府申请行政复议');
  });
});

describe('支出型: approval level by the entrusted township limit (1,000 yuan by default)', () => {
  it('a small amount is approved by the township reviewer under entrustment', async () => {
    const caseId = await expenditure('800');
    const approval = await toApproval(caseId, expenditureAnswers('800'));
    expect(approval).toMatchObject({
      name: '乡镇审批（受县级民政部门委托）',
      candidateGroups: ['township_reviewer'],
    });
    await drive(t, caseId, expenditureAnswers('800'));
    const body = await detail(caseId);
    expect(body.case).toMatchObject({ status: 'closed', outcome: 'granted' });
    const form = await pdfOf((await documentOf(caseId, 'linshi-approval-form')).id);
    expect(form).toContain('由平安县城关镇人民政府受平安县民政局委托审批');
    const decision = await pdfOf((await documentOf(caseId, 'linshi-grant-decision')).id);
    expect(decision).toContain('800.00元');
    expect(decision).toContain('受本机关委托审批作出');
  });

  it('a large amount goes to the county: the township reviewer has no task and gets 403', async () => {
    const caseId = await expenditure('5000');
    const approval = await toApproval(caseId, expenditureAnswers('5000'));
    expect(approval).toMatchObject({ name: '县级民政部门审批', candidateGroups: ['county_approver'] });
    const reviewerInbox = (await (await t.as('reviewer')).get('/api/tasks').expect(200)).body;
    expect(reviewerInbox.map((x: { taskId: string }) => x.taskId)).not.toContain(approval.id);
    const approverInbox = (await (await t.as('approver')).get('/api/tasks').expect(200)).body;
    expect(approverInbox.map((x: { taskId: string }) => x.taskId)).toContain(approval.id);
    const forbidden = await (
      await t.as('reviewer')
    ).post(`/api/tasks/${approval.id}/complete`, {
      data: { approvalDecision: 'grant', amount: '5000', facts: '……', reasons: '……' },
    });
    expect(forbidden.status).toBe(403);
    await drive(t, caseId, expenditureAnswers('5000'));
    expect((await detail(caseId)).case).toMatchObject({ status: 'closed', outcome: 'granted' });
    const form = await pdfOf((await documentOf(caseId, 'linshi-approval-form')).id);
    expect(form).toContain('由平安县民政局审批');
  });

  it('a refusal states reasons and the remedy, naming the county government under entrustment', async () => {
    const caseId = await expenditure('600');
    const answers = expenditureAnswers('600', 'refuse');
    await toApproval(caseId, answers);
    await drive(t, caseId, answers);
    const body = await detail(caseId);
    expect(body.case).toMatchObject({ status: 'closed', outcome: 'refused' });
    expect((await issueOrder(caseId)).slice(-3)).toEqual([
      'linshi-approval-form',
      'linshi-refusal-decision',
      'service-receipt',
    ]);
    const refusal = await documentOf(caseId, 'linshi-refusal-decision');
    expect(refusal.number).toMatch(/^平民临不救〔\d{4}〕\d+号$/);
    const text = await pdfOf(refusal.id);
    expect(text).toContain('家庭存款足以承担医疗支出');
    expect(text).toContain('决定对你家庭的临时救助申请不予救助');
    expect(text).toContain('本决定由平安县城关镇人民政府受本机关委托审批作出');
    expect(text).toContain('六十日内向平安县人民政府申请行政复议');
    expect(text).toContain('六个月内向');
    expect(text).toContain('提起行政诉讼');
  });
});

describe('inbox: four-colour urgency', () => {
  let ids: Record<string, string>;

  beforeAll(async () => {
    ids = { green: await emergency('green'), red: await emergency('red'), yellow: await emergency('yellow') };
  });

  it('filters by colour and shows it on each row', async () => {
    const reviewer = await t.as('reviewer');
    const red = (await reviewer.get('/api/tasks?urgency=red').expect(200)).body;
    expect(red.length).toBeGreaterThanOrEqual(1);
    expect(red.every((x: { caseUrgency: string }) => x.caseUrgency === 'red')).toBe(true);
    expect(red.map((x: { caseId: string }) => x.caseId)).toContain(ids.red);
    expect(red.map((x: { caseId: string }) => x.caseId)).not.toContain(ids.green);
  });

  it('sorts the most pressing colour first, untagged cases last', async () => {
    const rows = (await (await t.as('reviewer')).get('/api/tasks?sort=urgency').expect(200)).body as {
      caseId: string;
      caseUrgency: string | null;
    }[];
    const rank = (u: string | null) => (u ? ['red', 'yellow', 'blue', 'green'].indexOf(u) : 4);
    const ranks = rows.map((r) => rank(r.caseUrgency));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const ours = rows.filter((r) => Object.values(ids).includes(r.caseId)).map((r) => r.caseId);
    expect(ours).toEqual([ids.red, ids.yellow, ids.green]);
    const reversed = (await (await t.as('reviewer')).get('/api/tasks?sort=urgency&order=desc').expect(200))
      .body as {
      caseId: string;
    }[];
    expect(reversed.filter((r) => Object.values(ids).includes(r.caseId)).map((r) => r.caseId)).toEqual([
      ids.green,
      ids.yellow,
      ids.red,
    ]);
  });

  it('refuses an unknown colour with the field named', async () => {
    const res = await (await t.as('reviewer')).get('/api/tasks?urgency=purple');
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([
      {
        field: 'urgency',
        message: '紧急程度只能是 red（红色）、yellow（黄色）、blue（蓝色）、green（绿色）',
      },
    ]);
  });

  it('re-tags the case when the 先行救助 step changes the colour', async () => {
    await drive(t, ids.green, { ...EMERGENCY_ANSWERS, urgency: ['yellow'] }, /补办/);
    expect((await detail(ids.green)).case.urgency).toBe('yellow');
  });

  it('refuses an application with an unknown colour, naming the field', async () => {
    const res = await (
      await t.as('clerk')
    ).post('/api/cases', {
      ...APPLICATION,
      program: 'linshi',
      variables: { category: 'emergency', urgency: 'purple', hardship: '火灾' },
    });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain('variables.urgency');
  });
});
