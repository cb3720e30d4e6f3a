import {
  TrailEntry,
  actionLabel,
  actorCell,
  economicsSummary,
  maskApplicantData,
  stepsFromTrail,
  trailDetail,
} from './record-steps';

const at = (s: string) => new Date(`${s}+08:00`);
const entry = (
  id: number,
  when: string,
  action: string,
  detail: object,
  who = '赵调查',
  region = '1',
): TrailEntry => ({
  id: String(id),
  at: at(when),
  action,
  actorName: who,
  actorRole: 'investigator',
  actorRegion: region,
  detail,
});
const facts = {
  documents: new Map([['d1', '《受理通知书》（平城民受〔2026〕1号）']]),
  served: new Map(),
  regionNames: new Map([['1', '平安县城关镇']]),
  roleName: () => '调查员',
  dateOf: (d: Date) => new Date(d.getTime() + 8 * 3600e3).toISOString().slice(0, 10),
};

describe('the steps from the audit trail', () => {
  const trail = [
    entry(1, '2026-12-07T09:00:00', 'document.issue', { documentId: 'd1' }),
    entry(
      2,
      '2026-12-07T09:00:01',
      'task.complete',
      { name: '受理审查', elementId: 'Task_Accept' },
      '李窗口',
    ),
    entry(3, '2026-12-07T10:00:00', 'case.economics', { before: null, after: { incomes: [1] } }),
    entry(4, '2026-12-16T10:00:00', 'case.economics', {
      before: { incomes: [1], assets: [] },
      after: { incomes: [2], assets: [1] },
    }),
    entry(5, '2026-12-16T10:00:00', 'assessment.reassess', {
      before: { perCapitaFen: 46267, eligible: true },
      after: { perCapitaFen: 91000, eligible: false },
    }),
    entry(
      6,
      '2026-12-16T11:00:00',
      'task.complete',
      { name: '县级审核确认', onBehalfOf: { id: 'u', name: '孙审批' } },
      '周代办',
    ),
  ];
  const { steps, economics } = stepsFromTrail(trail, facts);

  it('keeps the order the trail recorded, a document beside the step that made it', () => {
    expect(steps.map((s) => s.text)).toEqual([
      '制作《受理通知书》（平城民受〔2026〕1号）',
      '李窗口（调查员，平安县城关镇）办理“受理审查”',
      '赵调查（调查员，平安县城关镇）录入家庭经济状况（首次录入家庭经济状况）',
      '赵调查（调查员，平安县城关镇）录入家庭经济状况（变更收入、财产）',
      '家庭经济状况变更后系统重新测算：人均收入由462.67元变为910.00元，测算结论由符合变为不符合',
      '由周代办（调查员，平安县城关镇）代孙审批办理“县级审核确认”（孙审批委托期间未见记录）',
    ]);
  });

  it('lists every change of the economics: who, when, what', () => {
    expect(economics).toEqual([
      { date: '2026-12-07', who: '赵调查（调查员，平安县城关镇）', summary: '首次录入家庭经济状况' },
      { date: '2026-12-16', who: '赵调查（调查员，平安县城关镇）', summary: '变更收入、财产' },
    ]);
    expect(economicsSummary({ incomes: [1] }, { incomes: [1] })).toBe('重新保存，内容未变');
  });

  it('names actions in Chinese and keeps internal ids out of the printed detail', () => {
    expect(actionLabel(trail[0])).toBe('出具文书');
    expect(actionLabel(trail[1])).toBe('办理步骤：受理审查');
    expect(trailDetail(trail[1])).toEqual({});
    expect(JSON.stringify(trailDetail(trail[0]))).not.toContain('d1');
  });

  it("keeps the officials' opinions and amounts, masks the applicant's address, phone and ID", () => {
    const masked = maskApplicantData({
      data: { opinion: '同意', amountFen: 65000, legalBasis: '《社会救助暂行办法》第九条' },
      address: '平安县城关镇东街村3组12号',
      phone: '13800138000',
      note: '身份证号码410721195001011234',
      after: { incomes: [{ annualFen: 100 }] },
    }) as Record<string, unknown>;
    expect(masked.data).toEqual({
      opinion: '同意',
      amountFen: 65000,
      legalBasis: '《社会救助暂行办法》第九条',
    });
    expect(masked.address).not.toContain('12号');
    expect(masked.phone).not.toBe('13800138000');
    expect(masked.note).not.toContain('410721195001011234');
    expect(masked.after).toBe('〔家庭经济状况，见计算明细〕');
  });
});

describe('acting authority: a delegate, a supervisor’s reassignment (issue 17)', () => {
  const delegated = entry(
    7,
    '2026-12-08T10:00:00',
    'task.complete',
    {
      name: '受理审查',
      onBehalfOf: {
        id: 'u1',
        name: '周窗口',
        delegation: { startsOn: '2026-12-08', endsOn: '2026-12-12', reason: '外出培训' },
      },
    },
    '李窗口',
  );
  const reassigned = entry(
    6,
    '2026-12-07T16:00:00',
    'task.assign',
    {
      taskId: 't1',
      name: '受理审查',
      from: { id: 'u0', name: '李窗口' },
      to: { id: 'u1', name: '周窗口' },
      reason: '李窗口本周休假',
    },
    '王审核',
  );
  const toGroup = entry(
    8,
    '2026-12-09T09:00:00',
    'task.assign',
    { taskId: 't2', name: '入户调查', from: { id: 'u2', name: '赵调查' }, to: null, reason: '需回避' },
    '王审核',
  );

  it('names the delegate and the holder, with the delegation period and its reason', () => {
    const { steps } = stepsFromTrail([delegated], facts);
    expect(steps.map((s) => s.text)).toEqual([
      '由李窗口（调查员，平安县城关镇）代周窗口办理“受理审查”（周窗口委托期间：2026年12月8日至2026年12月12日，事由：外出培训）',
    ]);
    expect(trailDetail(delegated)).toEqual({
      代办: '李窗口代周窗口办理（委托期间：2026年12月8日至2026年12月12日，事由：外出培训）',
    });
    expect(actorCell(delegated)).toBe('李窗口（代周窗口）');
  });

  it('reads the period from the delegation record when the entry does not carry it', () => {
    const old = { ...delegated, detail: { name: '受理审查', onBehalfOf: { id: 'u1', name: '周窗口' } } };
    const { steps } = stepsFromTrail([old], {
      ...facts,
      delegationOf: () => ({ startsOn: '2026-12-01', endsOn: '2026-12-31', reason: '休假' }),
    });
    expect(steps[0].text).toContain('（周窗口委托期间：2026年12月1日至2026年12月31日，事由：休假）');
  });

  it('prints a reassignment as a step: who reassigned, from whom to whom, and the reason', () => {
    const { steps } = stepsFromTrail([reassigned, toGroup], facts);
    expect(steps.map((s) => s.text)).toEqual([
      '经王审核（调查员，平安县城关镇）改派，“受理审查”由李窗口改由周窗口办理，理由：李窗口本周休假',
      '经王审核（调查员，平安县城关镇）改派，“入户调查”由赵调查退回待办组另行认领，理由：需回避',
    ]);
    expect(trailDetail(reassigned)).toEqual({
      步骤: '受理审查',
      原办理人: '李窗口',
      改派给: '周窗口',
      改派理由: '李窗口本周休假',
    });
    expect(actionLabel(reassigned)).toBe('改派任务：受理审查');
  });
});

describe('the 操作记录 reads as a record, not as raw data (issue 17 L7)', () => {
  it('says the 测算 conclusion did not change instead of “由符合变为符合”', () => {
    const { steps } = stepsFromTrail(
      [
        entry(1, '2026-12-16T10:00:00', 'assessment.reassess', {
          before: { perCapitaFen: 46267, eligible: true },
          after: { perCapitaFen: 48433, eligible: true },
        }),
      ],
      facts,
    );
    expect(steps[0].text).toBe(
      '家庭经济状况变更后系统重新测算：人均收入由462.67元变为484.33元，测算结论未变（符合）',
    );
  });

  it('leaves out empty fields and names a notification’s event in Chinese', () => {
    const issued = entry(1, '2026-12-07T09:00:00', 'document.issue', {
      documentId: 'd1',
      number: null,
      title: '家庭经济状况核对授权书',
    });
    expect(trailDetail(issued)).toEqual({ title: '家庭经济状况核对授权书' });
    const queued = entry(2, '2026-12-07T09:00:00', 'notification.queue', {
      event: 'applicant.acceptance',
      channel: 'sms',
    });
    expect(trailDetail(queued)).toEqual({ event: '受理通知', channel: 'sms' });
  });

  it('names the system, not the applicant, as issuer of what an online application issued', () => {
    const online = {
      ...entry(1, '2026-12-07T09:00:00', 'document.issue', { documentId: 'd1' }, '王建国'),
      actorRole: 'applicant',
    };
    expect(actorCell(online)).toBe('系统（随申请生成）');
    expect(actorCell(entry(2, '2026-12-07T09:00:00', 'document.issue', { documentId: 'd1' }))).toBe('赵调查');
  });
});
