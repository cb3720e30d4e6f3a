import { readFileSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { NotificationDispatcher } from '@app/notifications';
import { answersFor, servedToday } from '../apps/api/src/demo/drive';
import { DEMO_PASSWORD as PASSWORD_OF_DEMO } from '../apps/api/src/demo/reference-data';
import { TestApp, pdfText } from './support/test-app';
import { CONFIRM_PATH, apply, drive, meetPrerequisites, openTasks } from './support/case-driver';

/**
 * The outside tester's findings on issue 18's casework (delegation, sign-in lock, distinct
 * investigators, access before holder, bulk completion, masked IDs, SMS record, acting authority).
 */
let t: TestApp;
beforeAll(async () => {
  // Reads one PDF of the many its steps issue: each renders when read (TestAppOptions).
  t = await TestApp.start({ documents: 'on-read' });
});
afterAll(async () => {
  await t?.stop();
});

const userId = (username: string) => t.userId(username);
const login = (username: string) => t.signIn(username);
/** A second staff account, made by one administrator and confirmed by another. */
const staff = (
  username: string,
  displayName: string,
  role: string,
  regionCode?: string,
  extraRoles?: string[],
) => t.addStaff(username, displayName, role, { regionCode, extraRoles });

type Client = Awaited<ReturnType<typeof login>>;
let rev2: Client;

beforeAll(async () => {
  rev2 = await staff('rev2', '钱二审', 'township_reviewer');
});

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

describe('1. delegation is the delegator’s own act, bounded, one at a time', () => {
  it('a peer cannot delegate a colleague’s held task to himself (nor to a third)', async () => {
    const caseId = await apply(t);
    await drive(t, caseId, CONFIRM_PATH, /乡镇初审/);
    const [review] = (await openTasks(t, caseId)).filter((x: { name: string }) => x.name === '乡镇初审');
    const reviewer = await t.as('reviewer');
    await reviewer.post(`/api/tasks/${review.id}/claim`).expect(200);
    const today = t.clock.today();
    const toSelf = await rev2.post('/api/delegations', {
      delegatorId: await userId('reviewer'),
      delegateId: await userId('rev2'),
      startsOn: today,
      endsOn: addDays(today, 1),
      reason: '我替他',
    });
    expect(toSelf.status).toBe(403);
    expect(toSelf.body.code).toBe('SELF_DELEGATION');
    expect(toSelf.body.message).toContain('钱审核');
    const third = await staff('rev3', '钱三审', 'township_reviewer');
    const toThird = await rev2.post('/api/delegations', {
      delegatorId: await userId('reviewer'),
      delegateId: await userId('rev3'),
      startsOn: today,
      endsOn: today,
      reason: '替他安排',
    });
    expect(toThird.status).toBe(403);
    expect(toThird.body.code).toBe('PEER_CANNOT_DELEGATE');
    expect(
      await t.query(`SELECT 1 FROM task_delegation WHERE created_by = $1`, [await userId('rev2')]),
    ).toEqual([]);
    const done = await rev2.post(`/api/tasks/${review.id}/complete`, {
      data: answersFor(review.form, servedToday(CONFIRM_PATH, today)),
    });
    expect(done.status).toBe(409);
    expect(done.body.code).toBe('TASK_HELD_BY_OTHER');
    void third;
  });

  it('refuses a period over 90 days and a second delegation overlapping the first', async () => {
    const reviewer = await t.as('reviewer');
    const today = t.clock.today();
    const rev2Id = await userId('rev2');
    const long = await reviewer.post('/api/delegations', {
      delegateId: rev2Id,
      startsOn: today,
      endsOn: addDays(today, 90),
      reason: '长期外派',
    });
    expect(long.status).toBe(400);
    expect(long.body.details[0]).toMatchObject({ field: 'endsOn' });
    expect(long.body.details[0].message).toContain('90');
    await reviewer
      .post('/api/delegations', {
        delegateId: rev2Id,
        startsOn: today,
        endsOn: addDays(today, 89),
        reason: '休假',
      })
      .expect(201);
    const twice = await reviewer.post('/api/delegations', {
      delegateId: await userId('rev3'),
      startsOn: addDays(today, 10),
      endsOn: addDays(today, 12),
      reason: '休假',
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('DELEGATION_OVERLAP');
    expect(twice.body.message).toContain('钱二审');
    const after = await reviewer.post('/api/delegations', {
      delegateId: await userId('rev3'),
      startsOn: addDays(today, 90),
      endsOn: addDays(today, 91),
      reason: '休假',
    });
    expect(after.status).toBe(201);
    // Revoke so later cases see no standing delegation.
    const mine = await reviewer.get('/api/delegations').expect(200);
    for (const d of mine.body) await reviewer.post(`/api/delegations/${d.id}/revoke`).expect(200);
  });
});

describe('2. five wrong passwords in a row lock the account', () => {
  const signIn = (password: string) => t.http.post('/api/auth/login').send({ username: 'legal', password });
  const listed = async () =>
    (await (await t.as('admin')).get('/api/users').expect(200)).body.find(
      (u: { username: string }) => u.username === 'legal',
    );

  it('refuses even the right password for 15 minutes, says until when, and shows it to administrators', async () => {
    for (const left of [4, 3, 2, 1]) {
      const res = await signIn(`wrong-${left}`).expect(401);
      expect(res.body.message).toBe(`用户名或密码错误，还可再试${left}次；连续输错5次，账号将锁定15分钟`);
    }
    const fifth = await signIn('wrong-5').expect(401);
    expect(fifth.body.message).toMatch(/已连续输错5次，账号已锁定至\d\d:\d\d（15分钟）/);
    t.clock.advance(2_000);
    const refused = await signIn(PASSWORD_OF_DEMO);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('ACCOUNT_LOCKED');
    expect(refused.body.message).toMatch(
      /^该账号因连续5次密码错误已锁定至\d\d:\d\d，请15分钟后再登录，或请管理员解锁$/,
    );
    const until = Date.parse((await listed()).lockedUntil);
    expect(until).toBeGreaterThan(t.clock.now().getTime() + 14 * 60_000);
    expect(until).toBeLessThanOrEqual(t.clock.now().getTime() + 15 * 60_000);
    t.clock.advance(15 * 60_000);
    await signIn(PASSWORD_OF_DEMO).expect(200);
    expect((await listed()).lockedUntil).toBeNull();
  });

  it('a success starts the count afresh; an administrator’s unlock lifts the lock', async () => {
    for (let i = 0; i < 4; i++) await signIn(`wrong-a${i}`).expect(401);
    await signIn(PASSWORD_OF_DEMO).expect(200);
    const again = await signIn('wrong-b').expect(401);
    expect(again.body.message).toContain('还可再试4次');
    for (let i = 0; i < 4; i++) await signIn(`wrong-c${i}`).expect(401);
    expect((await signIn(PASSWORD_OF_DEMO)).status).toBe(429);
    const id = await userId('legal');
    const unlocked = await (await t.as('admin')).post(`/api/users/${id}/unlock`).expect(200);
    expect(unlocked.body.lockedUntil).toBeNull();
    t.clock.advance(1);
    await signIn(PASSWORD_OF_DEMO).expect(200);
  });
});

describe('3. 入户调查 and 邻里访问 need two different persons', () => {
  it('refuses one person named twice, naming the field; two different persons pass', async () => {
    const caseId = await apply(t);
    await drive(t, caseId, CONFIRM_PATH, /入户调查/);
    const [visit] = (await openTasks(t, caseId)).filter((x: { name: string }) => x.name === '入户调查');
    const investigator = await t.as('investigator');
    const data = answersFor(visit.form, servedToday(CONFIRM_PATH, t.clock.today()));
    const twice = await investigator.post(`/api/tasks/${visit.id}/complete`, {
      data: { ...data, investigators: ['赵调查', '赵调查'] },
    });
    expect(twice.status).toBe(400);
    expect(twice.body.details).toEqual([
      { field: 'data.investigators[1]', message: '调查人员中“赵调查”重复填写，须为不同的工作人员' },
    ]);
    // By account id and by name, still one person.
    const byId = await investigator.post(`/api/tasks/${visit.id}/complete`, {
      data: { ...data, investigators: [await userId('investigator'), '赵调查'] },
    });
    expect(byId.status).toBe(400);
    await investigator.post(`/api/tasks/${visit.id}/complete`, { data }).expect(200);
    await drive(t, caseId, CONFIRM_PATH, /邻里访问/);
    const [neighbours] = (await openTasks(t, caseId)).filter((x: { name: string }) => x.name === '邻里访问');
    await meetPrerequisites(t, caseId, neighbours);
    const answers = answersFor(neighbours.form, servedToday(CONFIRM_PATH, t.clock.today()));
    const same = await investigator.post(`/api/tasks/${neighbours.id}/complete`, {
      data: { ...answers, neighbourVisitors: ['冯协理', '冯协理'] },
    });
    expect(same.status).toBe(400);
    expect(same.body.details[0].field).toBe('data.neighbourVisitors[1]');
  });
});

describe('4. access is decided before anything about the holder is told', () => {
  it('another township’s clerk or a wrong role gets 403 without the holder, and no draft is kept', async () => {
    const caseId = await apply(t);
    const [accept] = await openTasks(t, caseId);
    await (await t.as('clerk')).post(`/api/tasks/${accept.id}/claim`).expect(200);
    const data = { decision: 'accept' };
    for (const who of ['hexi_clerk', 'investigator']) {
      const user = await t.as(who);
      const res = await user.post(`/api/tasks/${accept.id}/complete`, { data });
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain('李窗口');
      expect(res.body.details ?? []).toEqual([]);
      const saved = await user.put(`/api/tasks/${accept.id}/draft`, { data });
      expect(saved.status).toBe(403);
      expect((await user.get(`/api/tasks/${accept.id}/draft`)).status).toBe(403);
      const unclaim = await user.post(`/api/tasks/${accept.id}/unclaim`);
      expect(unclaim.status).toBe(403);
      expect(JSON.stringify(unclaim.body)).not.toContain('李窗口');
    }
    expect(await t.query(`SELECT 1 FROM task_draft WHERE task_id = $1`, [accept.id])).toEqual([]);
  });
});

describe('7. the SMS stand-in writes what it did not send where an operator reads it', () => {
  it('logs the text at a level the API keeps (warn), with the phone masked', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      const caseId = await apply(t);
      const [accept] = await openTasks(t, caseId);
      await (
        await t.as('clerk')
      )
        .post(`/api/tasks/${accept.id}/complete`, {
          data: { decision: 'supplement', missingMaterials: ['户口簿复印件'] },
        })
        .expect(200);
      await t.app.get(NotificationDispatcher).poll();
      const lines = warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('未接入短信服务商'));
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.some((m) => m.includes('138****0000') && m.includes('户口簿复印件'))).toBe(true);
      // main.ts keeps exactly these levels.
      expect(readFileSync('apps/api/src/main.ts', 'utf8')).toMatch(/logger: \['warn', 'error'\]/);
    } finally {
      warn.mockRestore();
    }
  });
});

describe('5. only steps that record a fact may be completed in bulk', () => {
  it('refuses bulk 受理审查 with 409 naming the step, and completes none', async () => {
    const taskIds: string[] = [];
    for (let i = 0; i < 2; i++) taskIds.push((await openTasks(t, await apply(t)))[0].id);
    const res = await (
      await t.as('clerk')
    ).post('/api/tasks/bulk', { action: 'complete', taskIds, data: { decision: 'accept' } });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('BULK_NOT_ALLOWED');
    expect(res.body.message).toContain('“受理审查”须逐案审查办理');
    expect(
      await t.query(`SELECT 1 FROM task WHERE id = ANY($1::uuid[]) AND status <> 'open'`, [taskIds]),
    ).toEqual([]);
  });
});

describe('8. every document a delegate’s step issues names the acting authority', () => {
  it('the 入户调查表 (a table-style record, no signature block) prints 经办人：X（代Y）', async () => {
    await staff('inv2', '吴二调查', 'investigator');
    const caseId = await apply(t);
    await drive(t, caseId, CONFIRM_PATH, /入户调查/);
    const [visit] = (await openTasks(t, caseId)).filter((x: { name: string }) => x.name === '入户调查');
    const investigator = await t.as('investigator');
    await investigator.post(`/api/tasks/${visit.id}/claim`).expect(200);
    const today = t.clock.today();
    await investigator
      .post('/api/delegations', {
        delegateId: await userId('inv2'),
        startsOn: today,
        endsOn: today,
        reason: '外出培训',
      })
      .expect(201);
    const data = answersFor(visit.form, servedToday(CONFIRM_PATH, today));
    await (await login('inv2')).post(`/api/tasks/${visit.id}/complete`, { data }).expect(200);
    await t.documentsSettled();
    const [doc] = await t.query<{ id: string }>(
      `SELECT id FROM document WHERE case_id = $1 AND template_id = 'home-visit-record'`,
      [caseId],
    );
    const pdf = await t.download('approver', `/api/documents/${doc.id}/pdf`);
    expect(pdfText(pdf.body)).toContain('经办人：吴二调查（代赵调查）');
  });
});
