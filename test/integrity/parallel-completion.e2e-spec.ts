import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { TestApp } from '../support/test-app';
import { USER_FOR_ROLE, apply, freshFamily, openTasks, signAtWindow } from '../support/case-driver';
import { CONFIRM_PATH, answersFor } from '../../apps/api/src/demo/drive';

/**
 * Integrity under concurrency (issue 7, item 5, proof 1): one task completed by 100 requests at the
 * same moment over real HTTP (the API listens on a port; the requests race on real sockets). On
 * PostgreSQL they run as parallel transactions that meet at the task's row lock; on PGlite the
 * database queue serializes them. Either way exactly one request does the step.
 */
const PARALLEL = 100;
const CJK = /[\u4e00-\u9fff]/;

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await TestApp.start();
  base = await t.listen();
});
afterAll(async () => {
  await t?.stop();
});

async function snapshot(caseId: string) {
  const [kase] = await t.query<{ instanceId: string }>(
    `SELECT process_instance_id AS "instanceId" FROM assistance_case WHERE id = $1`,
    [caseId],
  );
  const [{ version }] = await t.query<{ version: number }>(
    `SELECT version FROM process_instance WHERE id = $1`,
    [kase.instanceId],
  );
  const documents = await t.query<{ template_id: string; number: string | null }>(
    `SELECT template_id, number FROM document WHERE case_id = $1 ORDER BY issued_at, id`,
    [caseId],
  );
  const tasks = await t.query<{ id: string; element_id: string; status: string }>(
    `SELECT id, element_id, status FROM task WHERE instance_id = $1`,
    [kase.instanceId],
  );
  const [{ n: idempotency }] = await t.query<{ n: number }>(`SELECT count(*)::int AS n FROM idempotency_key`);
  const [{ n: activities }] = await t.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM activity_log WHERE instance_id = $1`,
    [kase.instanceId],
  );
  return {
    instanceId: kase.instanceId,
    version,
    documents,
    tasks,
    idempotency,
    activities,
  };
}

/** The open acceptance task of a fresh case and the answers that accept it (issuing 受理通知书). */
async function acceptanceTask(caseId: string) {
  const [task] = await openTasks(t, caseId);
  expect(task.name).toBe('受理审查');
  const user = USER_FOR_ROLE[task.candidateGroups[0]];
  const { body } = await (await t.as(user)).get(`/api/tasks/${task.id}`).expect(200);
  return { task, user, version: body.version as number, data: answersFor(task.form, CONFIRM_PATH) };
}

function completeRequest(token: string, taskId: string, body: object, key: string) {
  return request(base)
    .post(`/api/tasks/${taskId}/complete`)
    .set('Authorization', `Bearer ${token}`)
    .set('Idempotency-Key', key)
    .send(body);
}

describe('100 parallel completions of one task', () => {
  it('exactly one succeeds, 99 get 409 in Chinese, and the case moved exactly one step', async () => {
    const caseId = await apply(t);
    const { task, user, version, data } = await acceptanceTask(caseId);
    const before = await snapshot(caseId);
    const token = await t.token(user);
    const body = { data, expectedVersion: version };

    // Each request is a different client (its own Idempotency-Key); all are in flight together.
    const keys = Array.from({ length: PARALLEL }, () => randomUUID());
    const responses = await Promise.all(keys.map((key) => completeRequest(token, task.id, body, key)));

    const ok = responses.filter((r) => r.status === 200);
    const conflicts = responses.filter((r) => r.status === 409);
    const other = responses.filter((r) => r.status !== 200 && r.status !== 409);
    expect(other.map((r) => [r.status, r.body])).toEqual([]);
    expect(ok).toHaveLength(1);
    expect(conflicts).toHaveLength(PARALLEL - 1);
    for (const r of conflicts) {
      expect(['TASK_ALREADY_DONE', 'VERSION_CONFLICT']).toContain(r.body.code);
      expect(r.body.message).toMatch(CJK);
      expect(Array.isArray(r.body.details)).toBe(true);
    }
    const winner = ok[0].body;
    expect(winner).toMatchObject({ caseId, version: version + 1, ended: false });

    const after = await snapshot(caseId);
    // The engine state advanced exactly once.
    expect(after.version).toBe(before.version + 1);
    // One audit entry for the completion of this task.
    const [{ n: completions }] = await t.query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE action = 'task.complete' AND detail->>'taskId' = $1`,
      [task.id],
    );
    expect(completions).toBe(1);
    // The task is done once; exactly the next task(s) the winner reported are open, each once.
    expect(after.tasks.find((x) => x.id === task.id)?.status).toBe('completed');
    const open = after.tasks.filter((x) => x.status === 'open');
    expect(open.map((x) => x.id).sort()).toEqual(winner.openedTasks.map((x: { id: string }) => x.id).sort());
    expect(open.length).toBeGreaterThanOrEqual(1);
    expect(new Set(open.map((x) => x.element_id)).size).toBe(open.length);
    expect(after.tasks.length).toBe(before.tasks.length + open.length);
    // At most one document of each kind was issued by the step (here the 受理通知书 and the letter
    // asking the 核对 centre), each numbered once: every 文号 counter stands at 1 for this first case.
    const issued = after.documents.slice(before.documents.length);
    const kinds = issued.map((d) => d.template_id);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kinds).toContain('acceptance-notice');
    const numbered = issued.filter((d) => d.number);
    expect(numbered.length).toBeGreaterThanOrEqual(1);
    for (const d of numbered) expect(d.number).toMatch(/〔\d{4}〕1号$/);
    const counters = await t.query<{ scope: string; value: number }>(
      `SELECT scope, value FROM counter WHERE scope LIKE 'doc:%'`,
    );
    expect(counters).toHaveLength(numbered.length);
    for (const c of counters) expect(c.value).toBe(1);
    // One idempotency record: the winner's; the refused requests left nothing behind.
    expect(after.idempotency).toBe(before.idempotency + 1);
    const [record] = await t.query<{ key: string }>(
      `SELECT key FROM idempotency_key ORDER BY created_at DESC LIMIT 1`,
    );
    expect(keys.findIndex((key) => key === record.key)).toBe(responses.indexOf(ok[0]));
    // The path through the model was logged once (no second run of the step's activities).
    const ends = await t.query(
      `SELECT element_id, count(*)::int AS n FROM activity_log
        WHERE instance_id = $1 AND event = 'end' GROUP BY element_id HAVING count(*) > 1`,
      [after.instanceId],
    );
    expect(ends).toEqual([]);

    // The winner's key replays its answer and changes nothing; the case goes on to its next step.
    const replay = await completeRequest(token, task.id, body, keys[responses.indexOf(ok[0])]).expect(200);
    expect(replay.body).toEqual(winner);
    expect(await snapshot(caseId)).toEqual(after);
    const next = open[0];
    const [nextTask] = (await openTasks(t, caseId)).filter((x: { id: string }) => x.id === next.id);
    const nextUser = await t.token(USER_FOR_ROLE[nextTask.candidateGroups[0]]);
    // 信息核对 waits for every adult member's signature on the 授权书 (sa:requires).
    await signAtWindow(t, caseId);
    await completeRequest(
      nextUser,
      next.id,
      { data: answersFor(nextTask.form, CONFIRM_PATH), expectedVersion: after.version },
      randomUUID(),
    ).expect(200);
  });

  it('100 parallel retries with one Idempotency-Key: one step, 100 identical answers', async () => {
    const family = freshFamily(7);
    const caseId = await apply(t, { ...family, applicant: { ...family.applicant, phone: '13800000001' } });
    const { task, user, version, data } = await acceptanceTask(caseId);
    const before = await snapshot(caseId);
    const token = await t.token(user);
    const key = randomUUID();
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        completeRequest(token, task.id, { data, expectedVersion: version }, key),
      ),
    );
    expect(responses.filter((r) => r.status !== 200).map((r) => [r.status, r.body])).toEqual([]);
    for (const r of responses) expect(r.body).toEqual(responses[0].body);
    const after = await snapshot(caseId);
    expect(after.version).toBe(before.version + 1);
    expect(after.idempotency).toBe(before.idempotency + 1);
    const kinds = after.documents.slice(before.documents.length).map((d) => d.template_id);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kinds).toContain('acceptance-notice');
    const [{ n }] = await t.query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE action = 'task.complete' AND detail->>'taskId' = $1`,
      [task.id],
    );
    expect(n).toBe(1);
    // The same key with a different request is refused, in Chinese, and does nothing.
    const reused = await completeRequest(token, task.id, { data, expectedVersion: version + 5 }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.message).toMatch(CJK);
    expect(await snapshot(caseId)).toEqual(after);
  });
});
