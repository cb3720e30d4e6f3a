import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { withCheckDigit } from '@app/assistance';
import { PERMISSION_IDS, Permission, permissionOf } from '@app/auth';
import { answersFor, servedToday } from '../apps/api/src/demo/drive';
import { TestApp } from './support/test-app';
import {
  APPLICATION,
  CONFIRM_PATH,
  HEXI,
  recordInvestigatedEconomics,
  WORKED_EXAMPLE,
  workedExampleOf,
  apply,
  drive,
  openTasks,
  meetPrerequisites,
} from './support/case-driver';

/**
 * Issue 7, items 1–4: every endpoint guarded, roles and region scope, separation of duties and
 * recusal as data checked at run time, every read of personal data on the audit record with where
 * it came from, masking by role, archived documents frozen in the database.
 */
let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => {
  await t?.stop();
});

async function completeAs(
  username: string,
  task: { id: string; form: never },
  extra: Record<string, unknown> = {},
) {
  return (await t.as(username)).post(`/api/tasks/${task.id}/complete`, {
    data: { ...answersFor(task.form, servedToday(CONFIRM_PATH, t.clock.today())), ...extra },
  });
}

/** Completes open tasks as the given user per role until a task of `stopRole` is open. */
async function driveUntil(
  caseId: string,
  users: Record<string, string>,
  stopRole: string,
  extra: Record<string, unknown> = {},
) {
  for (let i = 0; i < 20; i++) {
    const [task] = await openTasks(t, caseId);
    if (!task || task.candidateGroups.includes(stopRole)) return task;
    await meetPrerequisites(t, caseId, task, users);
    const fields = answersFor(task.form, { ...CONFIRM_PATH, ...extra } as typeof CONFIRM_PATH);
    const own = Object.fromEntries(Object.entries(extra).filter(([k]) => k in fields));
    const res = await completeAs(users[task.candidateGroups[0]], task, own);
    if (res.status !== 200) throw new Error(`${task.name}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  throw new Error(`no ${stopRole} task reached`);
}

describe('every endpoint is guarded', () => {
  /** The only doors open without signing in; adding one must be a decision, so it is listed here. */
  const PUBLIC = [
    'GET /api/health',
    'POST /api/auth/login',
    'GET /api/verify/:code',
    'POST /api/verify/:code',
    'GET /api/public/listing',
    'GET /api/public/listing.pdf',
  ];

  /** A request of the route's method (as Nest's RequestMethod names it). */
  function request(method: string, url: string) {
    switch (method) {
      case 'GET':
        return t.http.get(url);
      case 'POST':
        return t.http.post(url);
      case 'PUT':
        return t.http.put(url);
      case 'PATCH':
        return t.http.patch(url);
      case 'DELETE':
        return t.http.delete(url);
      default:
        throw new Error(`no request for method ${method}`);
    }
  }

  function routes(): { route: string; isPublic: boolean; permission: string | undefined }[] {
    const modules = t.app.get(ModulesContainer);
    const reflector = t.app.get(Reflector);
    const found: { route: string; isPublic: boolean; permission: string | undefined }[] = [];
    const controllers = [...modules.values()].flatMap((m) => [...m.controllers.values()]);
    for (const wrapper of controllers) {
      const type = wrapper.metatype as (new (...a: never[]) => unknown) | undefined;
      if (!type || !wrapper.instance) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      const proto = Object.getPrototypeOf(wrapper.instance);
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler);
        const method = Reflect.getMetadata(METHOD_METADATA, handler);
        if (path === undefined || method === undefined) continue;
        const full = `/api/${[base, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/');
        const isPublic = !!reflector.getAllAndOverride('sa:public', [handler, type]);
        const permission = permissionOf(reflector, handler, type);
        found.push({ route: `${RequestMethod[method]} ${full}`, isPublic, permission });
      }
    }
    return found;
  }

  it('opens exactly the listed public endpoints', () => {
    const all = routes();
    expect(all.length).toBeGreaterThan(60);
    const open = all.filter((r) => r.isPublic).map((r) => r.route);
    expect(open.sort()).toEqual([...PUBLIC].sort());
  });

  it('names, on every other endpoint, the one permission requireAccess decides', () => {
    const closed = routes().filter((r) => !r.isPublic);
    const unnamed = closed.filter(
      (r) => !r.permission || !PERMISSION_IDS.includes(r.permission as Permission),
    );
    expect(unnamed.map((r) => r.route)).toEqual([]);
    expect(routes().filter((r) => r.isPublic && r.permission)).toEqual([]);
  });

  it('answers 401 with a zh-CN message to every other endpoint without a session', async () => {
    const closed = routes().filter((r) => !r.isPublic);
    for (const { route } of closed) {
      const [method, path] = route.split(' ');
      const url = path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
      const res = await request(method, url).set('Authorization', 'Bearer forged-token');
      expect({ route, status: res.status }).toEqual({ route, status: 401 });
      expect(res.body.message).toMatch(/登录/);
    }
  });
});

describe('roles and region scope', () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = await apply(t);
  });

  it.each([
    ['hexi_clerk', 403], // another township
    ['clerk', 200],
    ['village', 200], // the village's assistant
    ['approver', 200],
    ['auditor', 200], // supervision, masked
  ])('%s reads the 城关镇 case: %d', async (user, status) => {
    expect((await (await t.as(user)).get(`/api/cases/${caseId}`)).status).toBe(status);
  });

  it('an applicant sees only their own cases and notices', async () => {
    const applicant = await t.as('applicant'); // 王建国 applied for none of these: the clerk did
    const [doc] = await t.query(`SELECT id FROM document WHERE case_id = $1 LIMIT 1`, [caseId]);
    expect((await applicant.get(`/api/portal/cases/${caseId}`)).status).toBe(404);
    expect((await applicant.get(`/api/cases/${caseId}`)).status).toBe(403);
    expect(doc).toBeDefined(); // the 申请书 issued at application
    expect((await applicant.get(`/api/documents/${doc.id}/pdf`)).status).toBe(403);
    const own = await applicant.get('/api/portal/cases').expect(200);
    expect(own.body.map((c: { id: string }) => c.id)).not.toContain(caseId);
  });

  it('the auditor reads the record and verifies it, but acts on nothing', async () => {
    const auditor = await t.as('auditor');
    await auditor.get('/api/audit').expect(200);
    await auditor.get('/api/integrity').expect(200);
    const [task] = await openTasks(t, caseId);
    expect((await auditor.post(`/api/tasks/${task.id}/complete`, { data: {} })).status).toBe(403);
    expect((await auditor.post('/api/cases', APPLICATION)).status).toBe(403);
    expect((await (await t.as('clerk')).get('/api/audit')).status).toBe(403);
  });

  it('signs in with expiry; five wrong passwords in a row lock the account for 15 minutes', async () => {
    const login = (password: string) =>
      t.http.post('/api/auth/login').send({ username: 'village', password });
    const ok = await login('demo1234').expect(200);
    expect(
      Math.abs(new Date(ok.body.expiresAt).getTime() - t.clock.now().getTime() - 12 * 3600_000),
    ).toBeLessThan(5000);
    expect(ok.body.user.duties).toEqual(['village_assistant']);
    for (let i = 0; i < 5; i++) expect((await login('wrong')).status).toBe(401);
    const waiting = await login('demo1234');
    expect(waiting.status).toBe(429);
    expect(waiting.body).toMatchObject({ code: 'ACCOUNT_LOCKED', retryAfter: 900 });
    expect(waiting.body.message).toMatch(
      /^该账号因连续5次密码错误已锁定至\d\d:\d\d，请15分钟后再登录，或请管理员解锁$/,
    );
    t.clock.advance(15 * 60_000);
    await login('demo1234').expect(200);
    const failures = await t.query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE action = 'auth.login_failed'`,
    );
    expect(failures[0].n).toBe(5);
  });
});

describe('separation of duties (rules as data per region)', () => {
  it('one person may not investigate and then review the same case, until the region’s rules allow it', async () => {
    const clerk = await t.as('hexi_clerk');
    const res = await clerk.post('/api/cases', HEXI).expect(201);
    const caseId = res.body.id;
    const review = await driveUntil(
      caseId,
      { window_clerk: 'hexi_clerk', investigator: 'hexi_staff' },
      'township_reviewer',
      // 河西镇's own staff visit: its caseworker and its village assistant.
      { investigators: ['褚兼办', '卫协理'], neighbourVisitors: ['褚兼办', '卫协理'] },
    );
    // hexi_staff holds the reviewer duty too: the task is in their inbox …
    const inbox = await (await t.as('hexi_staff')).get('/api/tasks').expect(200);
    const listed = inbox.body.find((x: { taskId: string }) => x.taskId === review.id);
    expect(listed.blockedReason).toMatch(/职责分离/); // … marked before anyone fills in the form …
    expect(JSON.stringify(inbox.body)).not.toMatch(/\d{17}[\dX]/);
    // … but the rules in force keep the two duties apart on one case.
    const refused = await completeAs('hexi_staff', review);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('DUTY_SEPARATION');
    expect(refused.body.message).toMatch(/职责分离.*调查员.*乡镇审核员/);
    expect((await openTasks(t, caseId))[0].id).toBe(review.id); // nothing moved

    const admin = await t.as('admin');
    const bad = await admin.post('/api/duty-rules', {
      regionCode: '410799101',
      effectiveFrom: t.clock.today(),
      rules: { separate: [['investigator', 'boss']], nearRelativeRecusal: true },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('rules.separate[0]');
    const relaxed = {
      regionCode: '410799101',
      effectiveFrom: t.clock.today(),
      rules: {
        separate: [
          ['township_reviewer', 'county_approver'],
          ['investigator', 'county_approver'],
        ],
        nearRelativeRecusal: true,
      },
      note: '河西镇仅一名经办人，经县民政局批准调查与审核可兼任',
    };
    // Relaxing takes a second administrator: published alone it is refused, proposed it waits.
    const alone = await admin.post('/api/duty-rules', relaxed);
    expect(alone.status).toBe(409);
    expect(alone.body.code).toBe('FOUR_EYES_REQUIRED');
    expect(alone.body.message).toMatch(/调查员与乡镇审核员分离/);
    const proposal = await admin.post('/api/duty-rules/proposals', relaxed).expect(201);
    expect(proposal.body).toMatchObject({ status: 'pending', proposedByName: '吴管理' });
    expect((await admin.post(`/api/duty-rules/proposals/${proposal.body.id}/approve`)).status).toBe(403);
    const approved = await (
      await t.as('admin2')
    )
      .post(`/api/duty-rules/proposals/${proposal.body.id}/approve`, { reason: '经县局党组会研究同意' })
      .expect(201);
    expect(approved.body).toMatchObject({ status: 'approved', decidedByName: '郭管理' });
    const inForce = await admin.get('/api/duty-rules?regionCode=410799101201').expect(200);
    expect(inForce.body.inForce).toMatchObject({
      regionCode: '410799101',
      version: 1,
      createdByName: '吴管理',
      approvedByName: '郭管理',
    });
    const after = await (await t.as('hexi_staff')).get('/api/tasks').expect(200);
    expect(after.body.find((x: { taskId: string }) => x.taskId === review.id).blockedReason).toBeNull();
    // The 河西镇 household is one person; the 初审 decides on its assessed economics.
    await recordInvestigatedEconomics(t, caseId, 'hexi_staff');
    const allowed = await completeAs('hexi_staff', review, { coveredPersons: 1 });
    expect([allowed.status, allowed.body.message]).toEqual([200, undefined]);
    // The national default still holds in 城关镇.
    const city = await admin.get('/api/duty-rules?regionCode=410799100201').expect(200);
    expect(city.body.inForce.regionCode).toBe('');
  });
});

describe('near-relative recusal', () => {
  it('a staff member with a registered relative in the household may not act on the case', async () => {
    const admin = await t.as('admin');
    const staff = (await admin.get('/api/supervision/near-relatives/staff').expect(200)).body;
    const investigator = staff.find((s: { displayName: string }) => s.displayName === '赵调查');
    const relative = { name: '林小红', idNumber: withCheckDigit('41079919900202002') };
    await admin
      .post('/api/supervision/near-relatives', {
        staffUserId: investigator.id,
        relativeName: relative.name,
        relativeIdNumber: relative.idNumber,
        relation: '兄弟姐妹',
      })
      .expect(201);
    const caseId = await apply(t, {
      applicant: { ...APPLICATION.applicant, name: '林大海', idNumber: withCheckDigit('41079919880707001') },
      members: [
        { name: '林大海', idNumber: withCheckDigit('41079919880707001'), relation: '本人' },
        { name: relative.name, idNumber: relative.idNumber, relation: '其他' },
      ],
    });
    const task = await driveUntil(caseId, { window_clerk: 'clerk' }, 'investigator');
    const inbox = await (await t.as('investigator')).get('/api/tasks').expect(200);
    expect(inbox.body.find((x: { taskId: string }) => x.taskId === task.id).blockedReason).toMatch(/回避/);
    const refused = await completeAs('investigator', task);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'RECUSAL_REQUIRED' });
    expect(refused.body.message).toMatch(/兄弟姐妹 林小红.*回避/);
    const household = {
      ...WORKED_EXAMPLE,
      members: [
        { ...WORKED_EXAMPLE.members[0], name: '林大海', idNumber: withCheckDigit('41079919880707001') },
      ],
    };
    const economics = await (await t.as('investigator')).put(`/api/cases/${caseId}/economics`, { household });
    expect(economics.status).toBe(403);
    expect(economics.body.code).toBe('RECUSAL_REQUIRED');
    // The clerk, with no relative registered, may record it.
    await (await t.as('clerk')).put(`/api/cases/${caseId}/economics`, { household }).expect(200);
  });
});

describe('audit of reads, with where they came from', () => {
  it('records who read which case and which notice, from which address and agent', async () => {
    const caseId = await apply(t);
    await drive(t, caseId, CONFIRM_PATH, /入户调查/);
    const approver = await t.as('approver');
    const read = await approver
      .get(`/api/cases/${caseId}`)
      .set('X-Request-Id', 'read-trace-0001')
      .set('User-Agent', 'trust-test/1.0');
    expect(read.status).toBe(200);
    const doc = read.body.documents[0];
    await t.download('approver', `/api/documents/${doc.id}/pdf`).then((r) => expect(r.status).toBe(200));
    const [entry] = await t.query<{
      action: string;
      case_id: string;
      origin: { ip?: string; requestId?: string };
      username: string;
    }>(
      `SELECT a.action, a.case_id, a.origin, u.username FROM audit_entry a JOIN app_user u ON u.id = a.actor_id
       WHERE a.origin->>'correlationId' = 'read-trace-0001'`,
    );
    expect(entry).toMatchObject({ action: 'access.case.read', case_id: caseId, username: 'approver' });
    expect(entry.origin).toMatchObject({ userAgent: 'trust-test/1.0' });
    // The request's identity on the record is the server's own id; the caller's is only correlation.
    expect(entry.origin.requestId).toBe(read.headers['x-request-id']);
    expect(entry.origin.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(entry.origin.ip).toMatch(/127\.0\.0\.1|::1|::ffff:127\.0\.0\.1/);
    const [download] = await t.query(
      `SELECT case_id, detail FROM audit_entry WHERE action = 'access.document.download' ORDER BY id DESC LIMIT 1`,
    );
    expect(download).toMatchObject({
      case_id: caseId,
      detail: expect.objectContaining({ documentId: doc.id }),
    });
    // Acts carry their origin too, and the case's state before and after the step.
    const [act] = await t.query<{
      origin: { requestId?: string };
      detail: {
        name: string;
        before: { version: number; open: string[] };
        after: { version: number; opened: string[] };
      };
    }>(
      `SELECT origin, detail FROM audit_entry WHERE action = 'task.complete' AND case_id = $1 ORDER BY id DESC LIMIT 1`,
      [caseId],
    );
    expect(act.origin.requestId).toBeTruthy();
    expect(act.detail.after.version).toBe(act.detail.before.version + 1);
    expect(act.detail.before.open).toContain(act.detail.name);
    expect(act.detail.after.opened).toEqual([expect.stringMatching(/入户调查/)]);
    // The case timeline shows acts; reads are in the auditor's search.
    expect(read.body.timeline.some((e: { action: string }) => e.action.startsWith('access.'))).toBe(false);
    const search = await (
      await t.as('auditor')
    )
      .get(`/api/audit?caseId=${caseId}&action=access.`)
      .expect(200);
    expect(search.body.entries.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['access.case.read', 'access.document.download']),
    );
    expect(search.body.entries[0]).toHaveProperty('actorName');
    const household = await workedExampleOf(t, caseId);
    const applicantId = household.members[0].idNumber;
    await (await t.as('investigator')).put(`/api/cases/${caseId}/economics`, { household }).expect(200);
    const [stored] = await t.query(
      `SELECT detail FROM audit_entry WHERE action = 'case.economics' AND case_id = $1`,
      [caseId],
    );
    expect(JSON.stringify(stored.detail)).toContain(applicantId); // the record itself is whole
    const acts = await (
      await t.as('auditor')
    )
      .get(`/api/audit?caseId=${caseId}&action=case.economics`)
      .expect(200);
    expect(acts.body.entries).toHaveLength(1);
    expect(JSON.stringify(acts.body)).toContain(`${applicantId.slice(0, 6)}********${applicantId.slice(-4)}`);
    expect(JSON.stringify(acts.body)).not.toContain(applicantId); // quoted IDs masked
    const [own] = await t.query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE action = 'access.audit.read'`,
    );
    expect(own.n).toBeGreaterThan(0);
    const bad = await (await t.as('auditor')).get('/api/audit?limit=9999&caseId=x');
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['caseId', 'limit']),
    );
    const verified = await (await t.as('auditor')).get('/api/integrity').expect(200);
    expect(verified.body.audit.ok).toBe(true);
  });

  it("records the reads of a household's assessment, 核对授权书 signatures and procedures (each was unrecorded)", async () => {
    const caseId = await apply(t);
    // Past the 入户调查, whose household record is assessed.
    await drive(t, caseId, CONFIRM_PATH, /初审/);
    const clerk = await t.as('clerk');
    const [{ id: assessmentId }] = await t.query<{ id: string }>(
      `SELECT id FROM assessment WHERE case_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [caseId],
    );
    const marks = ['assessment', 'signatures', 'procedures'].map((k) => `reads-${k}-0001`);
    await clerk.get(`/api/assessments/${assessmentId}`).set('X-Request-Id', marks[0]).expect(200);
    await clerk
      .get(`/api/cases/${caseId}/authorization-signatures`)
      .set('X-Request-Id', marks[1])
      .expect(200);
    await clerk.get(`/api/cases/${caseId}/procedures`).set('X-Request-Id', marks[2]).expect(200);
    const entries = await t.query<{ action: string; case_id: string; mark: string }>(
      `SELECT action, case_id, origin->>'correlationId' AS mark FROM audit_entry
        WHERE origin->>'correlationId' = ANY($1::text[]) ORDER BY id`,
      [marks],
    );
    expect(entries).toEqual([
      { action: 'access.assessment.read', case_id: caseId, mark: marks[0] },
      { action: 'access.case.authorization.read', case_id: caseId, mark: marks[1] },
      { action: 'access.case.procedures.read', case_id: caseId, mark: marks[2] },
    ]);
  });

  it("keeps the caller's request id only as correlation, and only when well-formed", async () => {
    const lastOrigin = async () =>
      (
        await t.query<{ origin: Record<string, unknown> }>(
          `SELECT origin FROM audit_entry WHERE action = 'auth.login_failed' ORDER BY id DESC LIMIT 1`,
        )
      )[0].origin;
    const hostileIds = [
      '{"requestId":"forged","ip":"10.0.0.1"}',
      'a'.repeat(65),
      'trace id with spaces',
      "'; drop table audit_entry; --",
    ];
    for (const hostile of hostileIds) {
      const res = await t.http
        .post('/api/auth/login')
        .set('X-Request-Id', hostile)
        .send({ username: 'nobody', password: 'wrong-pass' });
      expect(res.status).toBe(401);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers['x-correlation-id']).toBeUndefined();
      const origin = await lastOrigin();
      expect(origin.requestId).toBe(res.headers['x-request-id']);
      expect(origin).not.toHaveProperty('correlationId');
      expect(JSON.stringify(origin)).not.toContain(hostile);
    }
    // A well-formed one is kept beside the server's id, never instead of it.
    const traced = await t.http
      .post('/api/auth/login')
      .set('X-Request-Id', 'gateway:2026-12-06.abc_1')
      .send({ username: 'nobody', password: 'wrong-pass' });
    expect(traced.headers['x-correlation-id']).toBe('gateway:2026-12-06.abc_1');
    expect(await lastOrigin()).toMatchObject({
      requestId: traced.headers['x-request-id'],
      correlationId: 'gateway:2026-12-06.abc_1',
    });
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY names the proxy', async () => {
    const res = await t.http
      .post('/api/auth/login')
      .set('X-Forwarded-For', '203.0.113.99')
      .send({ username: 'somebody', password: 'wrong-pass' });
    expect(res.status).toBe(401);
    const [entry] = await t.query<{ origin: { ip: string } }>(
      `SELECT origin FROM audit_entry WHERE action = 'auth.login_failed' ORDER BY id DESC LIMIT 1`,
    );
    expect(entry.origin.ip).toMatch(/127\.0\.0\.1|::1/);
    const [attempt] = await t.query<{ ip: string }>(`SELECT ip FROM login_attempt ORDER BY id DESC LIMIT 1`);
    expect(attempt.ip).toBe(entry.origin.ip);
  });
});

describe('masking by role', () => {
  it('lists show no full ID number, house address or phone; the case page shows them to caseworkers only', async () => {
    const caseId = await apply(t);
    const [{ applicant_id_number: full }] = await t.query<{ applicant_id_number: string }>(
      `SELECT applicant_id_number FROM assistance_case WHERE id = $1`,
      [caseId],
    );
    const masked = `${full.slice(0, 6)}********${full.slice(-4)}`;
    await drive(t, caseId, CONFIRM_PATH, /入户调查/);
    await (
      await t.as('investigator')
    )
      .put(`/api/cases/${caseId}/economics`, { household: await workedExampleOf(t, caseId) })
      .expect(200);
    const list = await (await t.as('clerk')).get('/api/cases').expect(200);
    const text = JSON.stringify(list.body);
    expect(list.body.length).toBeGreaterThan(0);
    expect(text).not.toMatch(/\d{17}[\dX]/);
    expect(text).not.toContain('3组12号');
    expect(list.body[0].applicantIdNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);

    const clerkView = await (await t.as('clerk')).get(`/api/cases/${caseId}`).expect(200);
    expect(clerkView.body.case.applicantIdNumber).toBe(full);
    for (const role of ['legal', 'auditor', 'admin']) {
      const view = await (await t.as(role)).get(`/api/cases/${caseId}`).expect(200);
      expect({ role, id: view.body.case.applicantIdNumber }).toEqual({ role, id: masked });
      expect(JSON.stringify(view.body)).not.toContain(full); // nor in the timeline or step data
      expect(view.body.case.applicantAddress).toBe('平安县城关镇东关村****');
    }
  });
});

describe('archived documents are frozen in the database', () => {
  it('refuses UPDATE and DELETE of an issued document', async () => {
    const caseId = await apply(t);
    await drive(t, caseId, CONFIRM_PATH, /入户调查/);
    const [doc] = await t.query(
      `SELECT id FROM document WHERE case_id = $1 AND status = 'archived' LIMIT 1`,
      [caseId],
    );
    await expect(t.query(`UPDATE document SET title = '伪造' WHERE id = $1`, [doc.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(t.query(`UPDATE document SET status = 'pending' WHERE id = $1`, [doc.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(t.query(`DELETE FROM document WHERE id = $1`, [doc.id])).rejects.toThrow(/append-only/);
    await expect(t.query(`UPDATE audit_entry SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.query(`DELETE FROM archive_ledger`)).rejects.toThrow(/append-only/);
  });
});
