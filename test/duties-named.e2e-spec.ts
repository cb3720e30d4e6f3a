import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { answersFor, servedToday } from '../apps/api/src/demo/drive';
import { STAFF_PASSWORD, TestApp } from './support/test-app';
import { CONFIRM_PATH, apply, drive, openTasks, recordInvestigatedEconomics } from './support/case-driver';

/**
 * An outside tester's findings on separation of duties and reassignment: the persons a record
 * names are held to the duty rules (F6), reassignment is a supervisor's act at the task's own
 * organ (F8), and delegations, 退回 reasons and bulk results say no more and no less than they should (F14).
 */
let t: TestApp;
beforeAll(async () => {
  // Reads documents' frozen data and one preview, no issued PDF: those render when read (TestAppOptions).
  t = await TestApp.start({ documents: 'on-read' });
});
afterAll(async () => {
  await t?.stop();
});

const userId = (username: string) => t.userId(username);
/** A staff account made by one administrator and confirmed by another. */
const staff = (
  username: string,
  displayName: string,
  role: string,
  regionCode?: string,
  extraRoles?: string[],
) => t.addStaff(username, displayName, role, { regionCode, extraRoles });

/** A PDF's text, whitespace removed. */
function pdfText(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'duties-')), 'doc.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    '',
  );
}

type Staff = Awaited<ReturnType<typeof staff>>;
let rev2: Staff;
let dual: Staff;
let appr2: Staff;

beforeAll(async () => {
  rev2 = await staff('rev2', '吴审核', 'township_reviewer');
  // A township caseworker holding both duties, as a small township's staff may.
  dual = await staff('dual', '孙双岗', 'township_reviewer', '410799100', ['investigator']);
  appr2 = await staff('appr2', '郑审批', 'county_approver', '410799');
});

/** A fresh case waiting at 入户调查, and that task's answers as the fixture gives them. */
/** A case at 县级审核确认 (the 公示 run out first), its county task held by the approver. */
async function heldCountyTask(): Promise<{ id: string }> {
  const caseId = await apply(t);
  await drive(t, caseId, CONFIRM_PATH, /县级/);
  await t.advanceDays(8);
  await drive(t, caseId, CONFIRM_PATH, /县级/);
  const [county] = (await openTasks(t, caseId)).filter((x: { candidateGroups: string[] }) =>
    x.candidateGroups.includes('county_approver'),
  );
  await (await t.as('approver')).post(`/api/tasks/${county.id}/claim`).expect(200);
  return county;
}

async function atHomeVisit(): Promise<{ caseId: string; taskId: string; data: Record<string, unknown> }> {
  const caseId = await apply(t);
  await drive(t, caseId, CONFIRM_PATH, /入户调查/);
  const [visit] = (await openTasks(t, caseId)).filter((x: { name: string }) => x.name === '入户调查');
  await recordInvestigatedEconomics(t, caseId);
  const data = answersFor(visit.form, servedToday(CONFIRM_PATH, t.clock.today()));
  return { caseId, taskId: visit.id, data };
}

async function taskNamed(caseId: string, name: string): Promise<{ id: string }> {
  const [task] = (await openTasks(t, caseId)).filter((x: { name: string }) => x.name === name);
  return task;
}

describe('F6: the investigators a record names', () => {
  it('must be staff holding the duty in the case’s region: a reviewer or a made-up name is refused', async () => {
    const { taskId, data } = await atHomeVisit();
    const investigator = await t.as('investigator');
    const reviewerNamed = await investigator.post(`/api/tasks/${taskId}/complete`, {
      data: { ...data, investigators: ['赵调查', '钱审核'] },
    });
    expect(reviewerNamed.status).toBe(400);
    expect(reviewerNamed.body.details).toEqual([
      expect.objectContaining({ field: 'data.investigators[1]', message: expect.stringContaining('钱审核') }),
    ]);
    const madeUp = await investigator.post(`/api/tasks/${taskId}/complete`, {
      data: { ...data, investigators: ['赵调查', '随便写的人'] },
    });
    expect(madeUp.status).toBe(400);
    expect(madeUp.body.details).toEqual([
      expect.objectContaining({
        field: 'data.investigators[1]',
        message: expect.stringContaining('随便写的人'),
      }),
    ]);
    // Another township's caseworker does not investigate here either.
    const elsewhere = await investigator.post(`/api/tasks/${taskId}/complete`, {
      data: { ...data, investigators: ['赵调查', '褚兼办'] },
    });
    expect(elsewhere.status).toBe(400);
  });

  it('are named by account id or unique name, printed by name, and may not then review the case', async () => {
    const { caseId, taskId, data } = await atHomeVisit();
    const investigator = await t.as('investigator');
    // The preview prints what submitting would: names, not ids.
    const preview = await investigator
      .post(`/api/tasks/${taskId}/preview`, {
        data: { ...data, investigators: [await userId('investigator'), dual.id] },
      })
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(preview.status).toBe(200);
    expect(pdfText(preview.body)).toContain('孙双岗');
    await investigator
      .post(`/api/tasks/${taskId}/complete`, {
        data: { ...data, investigators: [await userId('investigator'), '孙双岗'] },
      })
      .expect(200);
    const [done] = await t.query<{ data: { investigators: string[] }; named_staff: string[] }>(
      `SELECT data, named_staff FROM task WHERE id = $1`,
      [taskId],
    );
    expect(done.data.investigators).toEqual(['赵调查', '孙双岗']);
    expect([...done.named_staff].sort()).toEqual([await userId('investigator'), dual.id].sort());
    // The 入户调查表 prints the people, never an account id.
    const docs = await t.query<{ data: unknown }>(`SELECT data FROM document WHERE case_id = $1`, [caseId]);
    const printed = JSON.stringify(docs.map((d) => d.data));
    expect(printed).toContain('孙双岗');
    expect(printed).not.toContain(dual.id);
    await drive(t, caseId, CONFIRM_PATH, /乡镇初审/);
    const review = await taskNamed(caseId, '乡镇初审');
    // Named, not the submitter: still the investigator of this case.
    const claim = await dual.post(`/api/tasks/${review.id}/claim`);
    expect(claim.status).toBe(403);
    expect(claim.body.code).toBe('DUTY_SEPARATION');
    expect(claim.body.message).toContain('入户调查');
    const given = await (
      await t.as('reviewer')
    ).post(`/api/tasks/${review.id}/assign`, { assigneeId: dual.id, reason: '钱审核休假' });
    expect(given.status).toBe(422);
    expect(given.body.code).toBe('DUTY_SEPARATION');
    expect(given.body.message).toContain('孙双岗');
  });

  it('a person who already reviewed the case cannot be named as its investigator afterwards', async () => {
    const { caseId, taskId, data } = await atHomeVisit();
    await (await t.as('investigator')).post(`/api/tasks/${taskId}/complete`, { data }).expect(200);
    await drive(t, caseId, CONFIRM_PATH, /乡镇初审/);
    const review = await taskNamed(caseId, '乡镇初审');
    const { prefill } = (await (await t.as('reviewer')).get(`/api/tasks/${review.id}`).expect(200)).body;
    const returned = await dual.post(`/api/tasks/${review.id}/complete`, {
      data: {
        ...prefill,
        reasons: '调查记录不完整',
        opinion: 'return',
        returnReason: '子女务工收入未核实，请补充入户调查',
      },
    });
    expect(returned.status).toBe(200);
    const again = await taskNamed(caseId, '入户调查');
    const res = await (
      await t.as('investigator')
    ).post(`/api/tasks/${again.id}/complete`, { data: { ...data, investigators: ['赵调查', '孙双岗'] } });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('DUTY_SEPARATION');
    expect(res.body.message).toContain('孙双岗');
    expect(res.body.message).toContain('乡镇初审');
  });
});

describe('F8: reassignment is a supervisor’s act at the task’s own organ', () => {
  it('a peer reviewer cannot take, or release, a task another reviewer holds', async () => {
    const { caseId, taskId, data } = await atHomeVisit();
    await (await t.as('investigator')).post(`/api/tasks/${taskId}/complete`, { data }).expect(200);
    await drive(t, caseId, CONFIRM_PATH, /乡镇初审/);
    const review = await taskNamed(caseId, '乡镇初审');
    await (await t.as('reviewer')).post(`/api/tasks/${review.id}/claim`).expect(200);
    const take = await rev2.post(`/api/tasks/${review.id}/assign`, {
      assigneeId: rev2.id,
      reason: '我自己来',
    });
    expect(take.status).toBe(403);
    expect(take.body.code).toBe('PEER_CANNOT_REASSIGN');
    expect(take.body.message).toContain('钱审核');
    const release = await rev2.post(`/api/tasks/${review.id}/assign`, {
      assigneeId: null,
      reason: '我自己来',
    });
    expect(release.status).toBe(403);
    const [row] = await t.query<{ assignee: string }>(`SELECT assignee FROM task WHERE id = $1`, [review.id]);
    expect(row.assignee).toBe(await userId('reviewer'));
  });

  it('a township reviewer cannot reassign a county task', async () => {
    const county = await heldCountyTask();
    const reviewer = await t.as('reviewer');
    const unassign = await reviewer.post(`/api/tasks/${county.id}/assign`, {
      assigneeId: null,
      reason: '审批员外出',
    });
    expect(unassign.status).toBe(403);
    expect(unassign.body.code).toBe('LEVEL_REQUIRED');
    const move = await reviewer.post(`/api/tasks/${county.id}/assign`, {
      assigneeId: appr2.id,
      reason: '审批员外出',
    });
    expect(move.status).toBe(403);
    const [row] = await t.query<{ assignee: string }>(`SELECT assignee FROM task WHERE id = $1`, [county.id]);
    expect(row.assignee).toBe(await userId('approver'));
  });
});

describe('the organ’s 分管负责人 releases or reassigns a task its staff hold', () => {
  async function auditOf(taskId: string) {
    return t.query<{
      actor_id: string;
      detail: { reason: string; from: { name: string } | null; to: { name: string } | null };
    }>(
      `SELECT actor_id, detail FROM audit_entry WHERE action = 'task.assign' AND detail->>'taskId' = $1 ORDER BY id`,
      [taskId],
    );
  }

  it('the township’s 分管负责人 releases a 初审 a reviewer holds, then gives it to another reviewer; peers still cannot', async () => {
    const { caseId, taskId, data } = await atHomeVisit();
    await (await t.as('investigator')).post(`/api/tasks/${taskId}/complete`, { data }).expect(200);
    await drive(t, caseId, CONFIRM_PATH, /乡镇初审/);
    const review = await taskNamed(caseId, '乡镇初审');
    await (await t.as('reviewer')).post(`/api/tasks/${review.id}/claim`).expect(200);
    const supervisor = await t.as('supervisor');
    // The 分管负责人 sees the organ's 初审 in their inbox, though they hold no reviewer duty.
    const inbox = await supervisor.get('/api/tasks').expect(200);
    expect(inbox.body.map((i: { taskId: string }) => i.taskId)).toContain(review.id);
    // Not without a reason.
    const bare = await supervisor.post(`/api/tasks/${review.id}/assign`, { assigneeId: null, reason: ' ' });
    expect(bare.status).toBe(400);
    expect(bare.body.details).toEqual([expect.objectContaining({ field: 'reason' })]);
    const release = await supervisor.post(`/api/tasks/${review.id}/assign`, {
      assigneeId: null,
      reason: '钱审核病假，退回组内',
    });
    expect(release.status).toBe(200);
    expect(release.body.assignee).toBeNull();
    let [row] = await t.query<{ assignee: string | null }>(`SELECT assignee FROM task WHERE id = $1`, [
      review.id,
    ]);
    expect(row.assignee).toBeNull();
    // Given to 吴审核; 钱审核, now the peer, cannot take it back.
    const give = await supervisor.post(`/api/tasks/${review.id}/assign`, {
      assigneeId: rev2.id,
      reason: '钱审核病假，由吴审核办理',
    });
    expect(give.status).toBe(200);
    expect(give.body.assigneeName).toBe('吴审核');
    const back = await (
      await t.as('reviewer')
    ).post(`/api/tasks/${review.id}/assign`, { assigneeId: await userId('reviewer'), reason: '我已回岗' });
    expect(back.status).toBe(403);
    expect(back.body.code).toBe('PEER_CANNOT_REASSIGN');
    [row] = await t.query<{ assignee: string | null }>(`SELECT assignee FROM task WHERE id = $1`, [
      review.id,
    ]);
    expect(row.assignee).toBe(rev2.id);
    const audit = await auditOf(review.id);
    expect(
      audit.map((a) => [a.actor_id, a.detail.from?.name ?? null, a.detail.to?.name ?? null, a.detail.reason]),
    ).toEqual([
      [await userId('supervisor'), '钱审核', null, '钱审核病假，退回组内'],
      [await userId('supervisor'), null, '吴审核', '钱审核病假，由吴审核办理'],
    ]);
  });

  it('a county task is the county 分管负责人’s to move, not the township’s', async () => {
    const county = await heldCountyTask();
    const township = await (
      await t.as('supervisor')
    ).post(`/api/tasks/${county.id}/assign`, { assigneeId: null, reason: '审批员外出' });
    expect(township.status).toBe(403);
    expect(township.body.code).toBe('LEVEL_REQUIRED');
    const moved = await (
      await t.as('county_supervisor')
    ).post(`/api/tasks/${county.id}/assign`, { assigneeId: appr2.id, reason: '孙审批外出，改由郑审批' });
    expect(moved.status).toBe(200);
    const [row] = await t.query<{ assignee: string }>(`SELECT assignee FROM task WHERE id = $1`, [county.id]);
    expect(row.assignee).toBe(appr2.id);
    const [entry] = await auditOf(county.id);
    expect(entry.actor_id).toBe(await userId('county_supervisor'));
    expect(entry.detail.reason).toBe('孙审批外出，改由郑审批');
  });

  it('a 分管负责人 is set on a township or county account only', async () => {
    const res = await (
      await t.as('admin')
    ).post('/api/users', {
      username: 'village_head',
      displayName: '蒋分管',
      role: 'supervisor',
      regionCode: '410799100201',
      password: STAFF_PASSWORD,
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('分管负责人');
  });
});

describe('F14: delegations, 退回 reasons, bulk results', () => {
  it('refuses a delegation starting before today', async () => {
    const res = await (
      await t.as('clerk')
    ).post('/api/delegations', {
      delegateId: await userId('investigator'),
      startsOn: '2020-01-01',
      endsOn: t.clock.today(),
      reason: '休假',
    });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'startsOn' })]),
    );
  });

  it('refuses a 退回 whose reason is only punctuation or too short to say anything', async () => {
    const { caseId, taskId, data } = await atHomeVisit();
    await (await t.as('investigator')).post(`/api/tasks/${taskId}/complete`, { data }).expect(200);
    await drive(t, caseId, CONFIRM_PATH, /乡镇初审/);
    const review = await taskNamed(caseId, '乡镇初审');
    const reviewer = await t.as('reviewer');
    const { prefill } = (await reviewer.get(`/api/tasks/${review.id}`).expect(200)).body;
    const base = { ...prefill, reasons: '调查记录不完整', opinion: 'return' };
    for (const returnReason of ['。', ' ，， 。 ', '不行。']) {
      const res = await reviewer.post(`/api/tasks/${review.id}/complete`, {
        data: { ...base, returnReason },
      });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'data.returnReason' })]);
    }
  });

  it('bulk results name no case outside the caller’s jurisdiction, and give field details', async () => {
    const caseId = await apply(t);
    const [acceptance] = await openTasks(t, caseId);
    const [{ case_no: caseNo }] = await t.query<{ case_no: string }>(
      `SELECT case_no FROM assistance_case WHERE id = $1`,
      [caseId],
    );
    const res = await (
      await t.as('hexi_clerk')
    ).post('/api/tasks/bulk', { action: 'claim', taskIds: [acceptance.id] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { taskId: acceptance.id, caseNo: null, ok: false, code: 'FORBIDDEN', message: '无权办理' },
    ]);
    expect(JSON.stringify(res.body)).not.toContain(caseNo);
    // Bulk completion takes only 送达 steps (tester findings 18 §5): serve the 补正 request.
    await (
      await t.as('clerk')
    )
      .post(`/api/tasks/${acceptance.id}/complete`, {
        data: { decision: 'supplement', missingMaterials: ['户口簿复印件'] },
      })
      .expect(200);
    const [serve] = await openTasks(t, caseId);
    const bad = await (
      await t.as('clerk')
    ).post('/api/tasks/bulk', {
      action: 'complete',
      taskIds: [serve.id],
      data: { serviceMethod: 'nonsense' },
    });
    expect(bad.status).toBe(200);
    expect(bad.body[0]).toMatchObject({ ok: false, caseNo });
    expect(bad.body[0].details.length).toBeGreaterThan(0);
  });
});
