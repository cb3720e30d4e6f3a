import { answersFor, servedToday } from '../apps/api/src/demo/drive';
import { TestApp } from './support/test-app';
import { CONFIRM_PATH, apply, drive, openTasks } from './support/case-driver';

/**
 * Issue 18, findings 1–4: claim and assignment, drafts that survive a refusal, out-of-office
 * delegation with the acting authority on what is issued, and bulk 送达 one case per transaction.
 */
let t: TestApp;
beforeAll(async () => {
  // Reads one document's frozen data and no PDF: a PDF renders when read (TestAppOptions).
  t = await TestApp.start({ documents: 'on-read' });
});
afterAll(async () => {
  await t?.stop();
});

const userId = (username: string) => t.userId(username);
/** A second staff account of the township, made by one administrator and confirmed by another. */
const staff = (username: string, displayName: string, role: string, extraRoles?: string[]) =>
  t.addStaff(username, displayName, role, { extraRoles });

type Client = Awaited<ReturnType<TestApp['signIn']>>;
let clerk2: Client;

beforeAll(async () => {
  clerk2 = await staff('clerk2', '周窗口', 'window_clerk');
});

async function acceptanceTask(): Promise<{ caseId: string; taskId: string; form: never[] }> {
  const caseId = await apply(t);
  const [task] = await openTasks(t, caseId);
  expect(task.name).toBe('受理审查');
  return { caseId, taskId: task.id, form: task.form };
}

describe('claim', () => {
  it('of two clerks claiming at once exactly one wins; the other is told who holds it', async () => {
    const { taskId } = await acceptanceTask();
    const clerk = await t.as('clerk');
    const [a, b] = await Promise.all([
      clerk.post(`/api/tasks/${taskId}/claim`),
      clerk2.post(`/api/tasks/${taskId}/claim`),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    const winner = a.status === 200 ? a : b;
    expect(loser.body.code).toBe('TASK_HELD_BY_OTHER');
    expect(loser.body.message).toContain(winner.body.assigneeName);
    const [row] = await t.query<{ assignee: string }>(`SELECT assignee FROM task WHERE id = $1`, [taskId]);
    expect(row.assignee).toBe(winner.body.assignee);
    const claims = await t.query(
      `SELECT 1 FROM audit_entry WHERE action = 'task.claim' AND detail->>'taskId' = $1`,
      [taskId],
    );
    expect(claims).toHaveLength(1);
  });

  it('shows the holder in the inbox, on the task, and in 我的任务; unclaim returns it to the group', async () => {
    const { taskId } = await acceptanceTask();
    const clerk = await t.as('clerk');
    await clerk.post(`/api/tasks/${taskId}/claim`).expect(200);
    const task = await clerk2.get(`/api/tasks/${taskId}`).expect(200);
    expect(task.body.assigneeName).toBe('李窗口');
    const inbox = await clerk2.get('/api/tasks?limit=200').expect(200);
    expect(inbox.body.find((i: { taskId: string }) => i.taskId === taskId).assigneeName).toBe('李窗口');
    const mine = await clerk.get('/api/tasks?mine=true&limit=200').expect(200);
    expect(mine.body.map((i: { taskId: string }) => i.taskId)).toContain(taskId);
    expect(mine.body.every((i: { assigneeName: string }) => i.assigneeName === '李窗口')).toBe(true);
    const theirs = await clerk2.get('/api/tasks?mine=true&limit=200').expect(200);
    expect(theirs.body.map((i: { taskId: string }) => i.taskId)).not.toContain(taskId);
    // Only the holder releases it.
    expect((await clerk2.post(`/api/tasks/${taskId}/unclaim`)).status).toBe(409);
    await clerk.post(`/api/tasks/${taskId}/unclaim`).expect(200);
    const after = await clerk2.get(`/api/tasks/${taskId}`).expect(200);
    expect(after.body.assignee).toBeNull();
    expect((await clerk.get('/api/tasks?mine=maybe')).status).toBe(400);
  });
});

describe('completing a task someone else holds', () => {
  it('is refused with 409 naming the holder, and the form is kept as the refused clerk’s draft', async () => {
    const { taskId, form } = await acceptanceTask();
    const clerk = await t.as('clerk');
    await clerk.post(`/api/tasks/${taskId}/claim`).expect(200);
    const data = answersFor(form, servedToday(CONFIRM_PATH, t.clock.today()));
    const res = await clerk2.post(`/api/tasks/${taskId}/complete`, { data });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('TASK_HELD_BY_OTHER');
    expect(res.body.message).toContain('由 李窗口 办理中');
    const draft = await clerk2.get(`/api/tasks/${taskId}/draft`).expect(200);
    expect(draft.body.data).toEqual(data);
    // The holder completes it; every draft of the task goes with it.
    await clerk.post(`/api/tasks/${taskId}/complete`, { data }).expect(200);
    expect(await t.query(`SELECT 1 FROM task_draft WHERE task_id = $1`, [taskId])).toHaveLength(0);
  });
});

describe('drafts', () => {
  it('are kept per user and task, and come back with the task', async () => {
    const { taskId } = await acceptanceTask();
    const clerk = await t.as('clerk');
    await clerk.put(`/api/tasks/${taskId}/draft`, { data: { reasons: '李的草稿' } }).expect(200);
    await clerk2.put(`/api/tasks/${taskId}/draft`, { data: { reasons: '周的草稿' } }).expect(200);
    await clerk.put(`/api/tasks/${taskId}/draft`, { data: { reasons: '李的草稿，改过' } }).expect(200);
    expect((await clerk.get(`/api/tasks/${taskId}/draft`).expect(200)).body.data).toEqual({
      reasons: '李的草稿，改过',
    });
    expect((await clerk2.get(`/api/tasks/${taskId}`).expect(200)).body.draft).toEqual({
      reasons: '周的草稿',
    });
    expect((await clerk.put(`/api/tasks/${taskId}/draft`, { data: 'x' })).status).toBe(400);
    // Another township's clerk cannot read or write it.
    expect((await (await t.as('hexi_clerk')).get(`/api/tasks/${taskId}/draft`)).status).toBe(403);
  });
});

describe('reassignment by a supervisor', () => {
  it('the township reviewer moves a held task to another clerk with a reason; the record names both', async () => {
    const { caseId, taskId } = await acceptanceTask();
    const clerk = await t.as('clerk');
    await clerk.post(`/api/tasks/${taskId}/claim`).expect(200);
    const to = await userId('clerk2');
    // Not a clerk, not an administrator: assigning decides who does casework.
    expect((await clerk.post(`/api/tasks/${taskId}/assign`, { assigneeId: to, reason: '休假' })).status).toBe(
      403,
    );
    expect(
      (await (await t.as('admin')).post(`/api/tasks/${taskId}/assign`, { assigneeId: to, reason: '休假' }))
        .status,
    ).toBe(403);
    const reviewer = await t.as('reviewer');
    expect((await reviewer.post(`/api/tasks/${taskId}/assign`, { assigneeId: to, reason: '' })).status).toBe(
      400,
    );
    // Only to someone who could do the step.
    const wrong = await reviewer.post(`/api/tasks/${taskId}/assign`, {
      assigneeId: await userId('investigator'),
      reason: '人手不足',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.message).toContain('赵调查');
    const res = await reviewer.post(`/api/tasks/${taskId}/assign`, {
      assigneeId: to,
      reason: '李窗口本周休假',
    });
    expect(res.status).toBe(200);
    expect(res.body.assigneeName).toBe('周窗口');
    const [entry] = await t.query<{
      detail: { from: { name: string }; to: { name: string }; reason: string };
    }>(`SELECT detail FROM audit_entry WHERE action = 'task.assign' AND case_id = $1`, [caseId]);
    expect(entry.detail).toMatchObject({
      from: { name: '李窗口' },
      to: { name: '周窗口' },
      reason: '李窗口本周休假',
    });
    expect((await clerk.post(`/api/tasks/${taskId}/complete`, { data: { decision: 'accept' } })).status).toBe(
      409,
    );
  });
});

describe('out-of-office delegation', () => {
  it('lets the delegate complete the holder’s task; the record and the document name both', async () => {
    const { caseId, taskId, form } = await acceptanceTask();
    const clerk = await t.as('clerk');
    await clerk.post(`/api/tasks/${taskId}/claim`).expect(200);
    const today = t.clock.today();
    const delegated = await clerk.post('/api/delegations', {
      delegateId: await userId('clerk2'),
      startsOn: today,
      endsOn: today,
      reason: '外出培训',
    });
    expect(delegated.status).toBe(201);
    expect(delegated.body).toMatchObject({ delegatorName: '李窗口', delegateName: '周窗口' });
    const mine = await clerk2.get('/api/tasks?mine=true&limit=200').expect(200);
    expect(mine.body.map((i: { taskId: string }) => i.taskId)).toContain(taskId);
    const data = answersFor(form, servedToday(CONFIRM_PATH, today));
    await clerk2.post(`/api/tasks/${taskId}/complete`, { data }).expect(200);
    const [entry] = await t.query<{ actor_id: string; detail: { onBehalfOf: { name: string } } }>(
      `SELECT actor_id, detail FROM audit_entry WHERE action = 'task.complete' AND detail->>'taskId' = $1`,
      [taskId],
    );
    expect(entry.actor_id).toBe(await userId('clerk2'));
    expect(entry.detail.onBehalfOf.name).toBe('李窗口');
    const docs = await t.query<{ data: { actingAuthority?: { label: string } } }>(
      `SELECT data FROM document WHERE case_id = $1`,
      [caseId],
    );
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.map((d) => d.data.actingAuthority?.label)).toContain('周窗口（代李窗口）');
  });

  it('refuses a delegate who could not hold the duty, or whom separation of duties stops', async () => {
    const clerk = await t.as('clerk');
    const today = t.clock.today();
    const notClerk = await clerk.post('/api/delegations', {
      delegateId: await userId('investigator'),
      startsOn: today,
      endsOn: today,
      reason: '休假',
    });
    expect(notClerk.status).toBe(422);
    expect(notClerk.body.code).toBe('DELEGATE_CANNOT_HOLD_DUTY');
    // 乡镇初审 held by the reviewer, delegated to the one who investigated the case.
    const caseId = await apply(t);
    await drive(t, caseId, CONFIRM_PATH, /乡镇初审/);
    const [review] = (await openTasks(t, caseId)).filter((x: { name: string }) => x.name === '乡镇初审');
    const reviewer = await t.as('reviewer');
    await reviewer.post(`/api/tasks/${review.id}/claim`).expect(200);
    const investigatorId = await userId('investigator');
    await (
      await t.as('admin')
    )
      .patch(`/api/users/${investigatorId}`, { extraRoles: ['township_reviewer'] })
      .expect(200);
    await (await t.as('admin2')).post(`/api/users/${investigatorId}/confirm`).expect(200);
    const res = await reviewer.post('/api/delegations', {
      delegateId: investigatorId,
      startsOn: today,
      endsOn: today,
      reason: '休假',
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('DUTY_SEPARATION');
    expect(res.body.message).toContain('赵调查');
    expect(
      await t.query(`SELECT 1 FROM task_delegation WHERE delegate_id = $1`, [investigatorId]),
    ).toHaveLength(0);
  });
});

describe('bulk 送达', () => {
  it('records 送达 of 20 cases served on one day with one form: per-case results and audit', async () => {
    const clerk = await t.as('clerk');
    const taskIds: string[] = [];
    for (let i = 0; i < 20; i++) {
      const { caseId, taskId, form } = await acceptanceTask();
      const data = answersFor(form, { ...CONFIRM_PATH, decision: ['supplement'] });
      await clerk.post(`/api/tasks/${taskId}/complete`, { data }).expect(200);
      const [serve] = await openTasks(t, caseId);
      expect(serve.name).toBe('送达补正材料告知书');
      taskIds.push(serve.id);
    }
    // One of them is held by another clerk: it fails alone, the others go through.
    await clerk2.post(`/api/tasks/${taskIds[7]}/claim`).expect(200);
    const res = await clerk.post('/api/tasks/bulk', {
      action: 'complete',
      taskIds,
      data: { serviceMethod: 'direct', serviceDate: t.clock.today(), servers: ['李窗口', '周窗口'] },
      fill: { recipient: 'applicantName', serviceAddress: 'applicantAddress' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(20);
    const failed = res.body.filter((r: { ok: boolean }) => !r.ok);
    expect(failed).toEqual([expect.objectContaining({ taskId: taskIds[7], code: 'TASK_HELD_BY_OTHER' })]);
    expect(res.body.every((r: { caseNo: string | null }) => r.caseNo)).toBe(true);
    const done = await t.query<{ id: string; data: { recipient: string } }>(
      `SELECT id, data FROM task WHERE id = ANY($1::uuid[]) AND status = 'completed'`,
      [taskIds],
    );
    expect(done).toHaveLength(19);
    expect(done.every((d) => d.data.recipient === '王建国')).toBe(true);
    const audits = await t.query(
      `SELECT 1 FROM audit_entry WHERE action = 'task.complete' AND detail->>'taskId' = ANY($1::text[])`,
      [taskIds],
    );
    expect(audits).toHaveLength(19);
  }, 600_000);
});

describe('退回 with a reason', () => {
  it('the township reviewer sends the case back to 入户调查; without a reason it is refused', async () => {
    const caseId = await apply(t);
    await drive(t, caseId, CONFIRM_PATH, /乡镇初审/);
    const [review] = (await openTasks(t, caseId)).filter((x: { name: string }) => x.name === '乡镇初审');
    const reviewer = await t.as('reviewer');
    const { prefill } = (await reviewer.get(`/api/tasks/${review.id}`).expect(200)).body;
    const base = { ...prefill, reasons: '调查记录不完整' };
    const bare = await reviewer.post(`/api/tasks/${review.id}/complete`, {
      data: { ...base, opinion: 'return' },
    });
    expect(bare.status).toBe(400);
    expect(bare.body.details).toEqual([expect.objectContaining({ field: 'data.returnReason' })]);
    const res = await reviewer.post(`/api/tasks/${review.id}/complete`, {
      data: { ...base, opinion: 'return', returnReason: '子女务工收入未核实，请补充入户调查' },
    });
    expect(res.status).toBe(200);
    expect(res.body.openedTasks.map((o: { name: string }) => o.name)).toEqual(['入户调查']);
    const detail = await reviewer.get(`/api/cases/${caseId}`).expect(200);
    const returned = detail.body.timeline.find(
      (e: { action: string; detail: { name?: string } }) =>
        e.action === 'task.complete' && e.detail.name === '乡镇初审',
    );
    expect(returned).toMatchObject({ actorName: '钱审核', actorRole: 'township_reviewer' });
    expect(returned.detail.data.returnReason).toBe('子女务工收入未核实，请补充入户调查');
  });
});
