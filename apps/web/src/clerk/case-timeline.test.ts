import { describe, expect, it } from 'vitest';
import { buildTimeline, type TimelineTask } from './case-timeline';

const task = (t: Partial<TimelineTask> & Pick<TimelineTask, 'id' | 'name' | 'status'>): TimelineTask => ({
  createdAt: '2026-11-01T01:00:00Z',
  completedAt: null,
  dueDate: null,
  ...t,
});

describe('buildTimeline', () => {
  it('puts each step once, in the order it happened, done before issued before opened', () => {
    const entries = buildTimeline(
      [
        task({ id: 't1', name: '受理审查', status: 'completed', completedAt: '2026-11-01T02:00:00Z' }),
        task({
          id: 't2',
          name: '入户调查',
          status: 'open',
          createdAt: '2026-11-01T02:00:00Z',
          dueDate: '2026-11-15',
        }),
      ],
      [
        {
          id: 'd1',
          title: '受理通知书',
          number: '卫民受〔2026〕1号',
          issuedAt: '2026-11-01T02:00:00Z',
          status: 'archived',
        },
      ],
      [
        { id: 3, at: '2026-11-01T02:00:01Z', action: 'document.issue', detail: { documentId: 'd1' } },
        {
          id: 2,
          at: '2026-11-01T02:00:01Z',
          action: 'task.complete',
          detail: { taskId: 't1', name: '受理审查' },
        },
        { id: 1, at: '2026-11-01T02:00:00Z', action: 'case.apply', detail: null },
      ],
      '2026-11-01T01:00:00Z',
    );
    expect(entries.map((e) => [e.kind, e.title, e.note])).toEqual([
      ['apply', '登记申请', undefined],
      ['complete', '办理“受理审查”', undefined],
      ['open', '待办“入户调查”', '应于 2026-11-15 前办结'],
      ['document', '出具《受理通知书》', '卫民受〔2026〕1号'],
    ]);
    expect(entries[3].documentId).toBe('d1');
  });

  it('says when a document is still being archived, and names outcomes and unknown acts', () => {
    const entries = buildTimeline(
      [task({ id: 't9', name: '审核', status: 'cancelled', completedAt: '2026-11-03T00:00:00Z' })],
      [{ id: 'd2', title: '决定书', number: null, issuedAt: '2026-11-02T00:00:00Z', status: 'pending' }],
      [
        {
          id: 1,
          at: '2026-11-02T00:00:00Z',
          action: 'document.issue',
          detail: { documentId: 'd2', number: 'N-2' },
        },
        { id: 2, at: '2026-11-04T00:00:00Z', action: 'case.closed', detail: { outcome: 'refused' } },
        { id: 3, at: '2026-11-05T00:00:00Z', action: 'case.custom', detail: {} },
      ],
    );
    expect(entries.map((e) => [e.kind, e.title, e.note ?? ''])).toEqual([
      ['document', '出具《决定书》', 'N-2 · 生成中'],
      ['cancelled', '“审核”已撤销', ''],
      ['closed', '案件办结', '不予确认'],
      ['other', 'case.custom', ''],
    ]);
  });
});

describe('hand-over in the timeline (issue 18)', () => {
  it('names the actor with their role, a delegate with whom they acted for, and the opinion text', () => {
    const entries = buildTimeline(
      [task({ id: 't1', name: '入户调查', status: 'completed', completedAt: '2026-11-02T02:00:00Z' })],
      [],
      [
        {
          id: 1,
          at: '2026-11-02T02:00:01Z',
          action: 'task.complete',
          actorName: '周窗口',
          actorRole: 'investigator',
          detail: {
            taskId: 't1',
            name: '入户调查',
            data: { findings: '生活困难属实', visitDate: '2026-11-02' },
            onBehalfOf: { id: 'u1', name: '赵调查' },
          },
        },
        {
          id: 2,
          at: '2026-11-02T03:00:00Z',
          action: 'task.assign',
          actorName: '钱审核',
          actorRole: 'township_reviewer',
          detail: { name: '乡镇初审', from: { name: '李窗口' }, to: { name: '周窗口' }, reason: '休假' },
        },
        { id: 3, at: '2026-11-02T04:00:00Z', action: 'authorization.sign', detail: null },
      ],
    );
    expect(entries[0]).toMatchObject({
      title: '办理“入户调查”',
      actor: '周窗口（调查员，代赵调查）',
      opinion: '生活困难属实',
    });
    expect(entries[1]).toMatchObject({
      title: '改派任务“乡镇初审”',
      note: '李窗口 → 周窗口',
      actor: '钱审核（乡镇审核员）',
      opinion: '休假',
    });
    expect(entries[2].title).toBe('签署核对授权书');
    expect(entries.every((e) => !/^[a-z_.]+$/.test(e.title))).toBe(true);
  });

  it('names the choice each step made, labels a 退回 reason apart from the text beside it, and says how a notice went out', () => {
    const form = [
      {
        id: 'opinion',
        label: '初审意见',
        type: 'enum',
        options: [
          { id: 'eligible', name: '符合条件' },
          { id: 'return', name: '退回补充调查' },
        ],
      },
      { id: 'returnReason', label: '退回理由（退回补充调查时必填）', type: 'string' },
      { id: 'reasons', label: '理由', type: 'string' },
    ];
    const entries = buildTimeline(
      [task({ id: 't1', name: '乡镇初审', status: 'completed', completedAt: '2026-11-02T02:00:00Z', form })],
      [
        {
          id: 'd1',
          title: '受理通知书',
          number: '平城民低受〔2026〕3号',
          issuedAt: '2026-11-02T05:00:00Z',
          status: 'archived',
        },
      ],
      [
        {
          id: 1,
          at: '2026-11-02T02:00:01Z',
          action: 'task.complete',
          actorName: '钱审核',
          actorRole: 'township_reviewer',
          detail: {
            taskId: 't1',
            name: '乡镇初审',
            data: { opinion: 'return', returnReason: '未核实车辆', reasons: '符合最低生活保障条件' },
          },
        },
        {
          id: 2,
          at: '2026-11-02T05:00:00Z',
          action: 'document.issue',
          actorName: '李窗口',
          actorRole: 'window_clerk',
          detail: { documentId: 'd1', templateId: 'acceptance-notice' },
        },
        {
          id: 3,
          at: '2026-11-02T06:00:00Z',
          action: 'notification.send',
          detail: { event: 'case.accepted', channel: 'sms', subject: '您的申请已受理' },
        },
      ],
    );
    expect(entries[0]).toMatchObject({
      title: '办理“乡镇初审”：退回补充调查',
      opinion: '退回理由：未核实车辆；理由：符合最低生活保障条件',
    });
    expect(entries[1]).toMatchObject({ kind: 'document', actor: '李窗口（窗口受理员）' });
    expect(entries[2]).toMatchObject({ title: '发送通知', note: '您的申请已受理 · 经短信' });
  });
});
