import { answersFor, servedToday } from '../apps/api/src/demo/drive';
import { TestApp } from './support/test-app';
import { CONFIRM_PATH, apply, openTasks, meetPrerequisites } from './support/case-driver';

/**
 * Issue 14, findings 1 and 6: no one decides alone, and no one publishes beyond their level.
 * Each attack is the request the outside tester made; each must be refused by the running system.
 */
let t: TestApp;
beforeAll(async () => {
  // Reads none of the documents its steps issue: they render when read (TestAppOptions).
  t = await TestApp.start({ documents: 'on-read' });
});
afterAll(async () => {
  await t?.stop();
});

const DUTIES = ['investigator', 'township_reviewer', 'county_approver', 'window_clerk'];

async function userId(username: string): Promise<string> {
  const [row] = await t.query<{ id: string }>(`SELECT id FROM app_user WHERE username = $1`, [username]);
  return row.id;
}

/**
 * Creates an account as `by` (an administrator); `admin2` confirms it (maker-checker) unless told
 * not to, so the account can act.
 */
async function createAccount(by: string, account: Record<string, unknown>, confirm = true): Promise<string> {
  const res = await (await t.as(by)).post('/api/users', { password: 'Demo-pass-2026', ...account });
  if (res.status !== 201)
    throw new Error(`create ${JSON.stringify(account)}: ${res.status} ${JSON.stringify(res.body)}`);
  if (confirm) await (await t.as('admin2')).post(`/api/users/${res.body.id}/confirm`).expect(200);
  return res.body.id;
}

async function login(username: string) {
  const res = await t.http.post('/api/auth/login').send({ username, password: 'Demo-pass-2026' }).expect(200);
  const token: string = res.body.token;
  return {
    post: (url: string, body?: object) =>
      t.http
        .post(url)
        .set('Authorization', `Bearer ${token}`)
        .send(body ?? {}),
    get: (url: string) => t.http.get(url).set('Authorization', `Bearer ${token}`),
  };
}

describe('an administrator cannot widen their own account', () => {
  it('refuses casework duties granted to oneself (finding 1, step 1)', async () => {
    const admin = await t.as('admin');
    const res = await admin.patch(`/api/users/${await userId('admin')}`, { extraRoles: DUTIES });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const [row] = await t.query<{ extra_roles: string[] }>(
      `SELECT extra_roles FROM app_user WHERE username = 'admin'`,
    );
    expect(row.extra_roles).toEqual([]);
  });

  it('grants a duty only at its own level: no county approver on a township account', async () => {
    const admin = await t.as('admin');
    const res = await admin.patch(`/api/users/${await userId('hexi_staff')}`, {
      extraRoles: ['township_reviewer', 'county_approver'],
    });
    expect(res.status).toBe(400);
    expect(res.body.details[0]).toMatchObject({ field: 'extraRoles[1]' });
    expect(res.body.message).toMatch(/县级审批员.*县级/);
    const created = await (
      await t.as('admin')
    ).post('/api/users', {
      username: 'twp_approver',
      displayName: '冒审批',
      role: 'county_approver',
      regionCode: '410799100',
      password: 'Demo-pass-2026',
    });
    expect(created.status).toBe(400);
    expect(created.body.details[0].field).toBe('role');
  });

  it('keeps administrators and auditors out of casework', async () => {
    const res = await (
      await t.as('admin')
    ).patch(`/api/users/${await userId('admin2')}`, {
      extraRoles: ['county_approver'],
    });
    expect(res.status).toBe(400);
    expect(res.body.details[0].field).toBe('extraRoles');
  });
});

describe('an administrator cannot act through accounts they make or re-key (maker-checker)', () => {
  it('a county approver account made by one administrator can do nothing until a second confirms it', async () => {
    const id = await createAccount(
      'admin',
      { username: 'puppet.appr', displayName: '傀儡审批', role: 'county_approver', regionCode: '410799' },
      false,
    );
    const puppet = await login('puppet.appr');
    const inbox = await puppet.get('/api/tasks');
    expect(inbox.status).toBe(403);
    expect(inbox.body.code).toBe('ACCOUNT_UNCONFIRMED');
    // Not by its maker, and not by itself.
    expect((await (await t.as('admin')).post(`/api/users/${id}/confirm`)).status).toBe(403);
    const me = await puppet.get('/api/auth/me').expect(200);
    expect(me.body.pendingConfirmation).toBe(true);
    await (await t.as('admin2')).post(`/api/users/${id}/confirm`).expect(200);
    await puppet.get('/api/tasks').expect(200);
    const [entry] = await t.query<{ actor_id: string }>(
      `SELECT actor_id FROM audit_entry WHERE action = 'user.confirm' AND detail->>'userId' = $1`,
      [id],
    );
    expect(entry.actor_id).toBe(await userId('admin2'));
  });

  it('a password an administrator sets leaves the account waiting for a second one', async () => {
    const id = await createAccount('admin', {
      username: 'reset.appr',
      displayName: '重置审批',
      role: 'county_approver',
      regionCode: '410799',
    });
    await (await t.as('admin')).post(`/api/users/${id}/password`, { password: 'Hijack-2026x' }).expect(200);
    const res = await t.http
      .post('/api/auth/login')
      .send({ username: 'reset.appr', password: 'Hijack-2026x' })
      .expect(200);
    const inbox = await t.http.get('/api/tasks').set('Authorization', `Bearer ${res.body.token}`);
    expect(inbox.status).toBe(403);
    expect(inbox.body.code).toBe('ACCOUNT_UNCONFIRMED');
  });

  it('an administrator account made by one administrator cannot make or confirm accounts itself', async () => {
    await createAccount(
      'admin',
      { username: 'puppet.adm', displayName: '傀儡管理甲', role: 'admin', regionCode: '410799' },
      false,
    );
    const puppet = await login('puppet.adm');
    const made = await puppet.post('/api/users', {
      username: 'puppet2.adm',
      displayName: '傀儡管理乙',
      role: 'admin',
      regionCode: '410799',
      password: 'Demo-pass-2026',
    });
    expect(made.status).toBe(403);
    expect(made.body.code).toBe('ACCOUNT_UNCONFIRMED');
  });

  it('keeps legal officers out of casework too', async () => {
    const res = await (
      await t.as('admin')
    ).patch(`/api/users/${await userId('legal')}`, {
      extraRoles: ['county_approver'],
    });
    expect(res.status).toBe(400);
    expect(res.body.details[0].field).toBe('extraRoles');
  });

  it('a township administrator does not move the clock or take backups for the county', async () => {
    await createAccount('admin', {
      username: 'twp.adm0',
      displayName: '镇管理零',
      role: 'admin',
      regionCode: '410799100',
    });
    const twp = await login('twp.adm0');
    const clock = await twp.post('/api/demo/clock', { days: 1 });
    expect(clock.status).toBe(403);
    expect(clock.body.code).toBe('LEVEL_REQUIRED');
    expect((await twp.post('/api/backups')).status).toBe(403);
  });
});

describe('duty rules have a floor no region can switch off (finding 1, step 2)', () => {
  it('refuses rules without separation or recusal, and backdated rules', async () => {
    const admin = await t.as('admin');
    const before = await t.query(`SELECT count(*)::int AS n FROM duty_rules`);
    const empty = await admin.post('/api/duty-rules', {
      regionCode: '410799',
      effectiveFrom: t.clock.today(),
      rules: { separate: [], nearRelativeRecusal: false },
    });
    expect(empty.status).toBe(400);
    expect(empty.body.details.map((d: { field: string }) => d.field)).toEqual([
      'rules.separate',
      'rules.nearRelativeRecusal',
    ]);
    expect(empty.body.message).toMatch(/全国统一底线/);
    const backdated = await admin.post('/api/duty-rules', {
      regionCode: '410799',
      effectiveFrom: '2020-01-01',
      rules: { separate: [['investigator', 'county_approver']], nearRelativeRecusal: true },
    });
    expect(backdated.status).toBe(400);
    expect(backdated.body.details[0]).toMatchObject({ field: 'effectiveFrom' });
    expect(backdated.body.message).toMatch(/不溯及既往/);
    // Proposing does not get around the floor either.
    const proposed = await admin.post('/api/duty-rules/proposals', {
      regionCode: '410799',
      effectiveFrom: t.clock.today(),
      rules: { separate: [], nearRelativeRecusal: false },
    });
    expect(proposed.status).toBe(400);
    expect(await t.query(`SELECT count(*)::int AS n FROM duty_rules`)).toEqual(before);
  });
});

describe('relaxing the rules takes two administrators', () => {
  it('not the proposer, and not an account the proposer made', async () => {
    const admin = await t.as('admin');
    const relaxed = {
      regionCode: '410799100',
      effectiveFrom: t.clock.today(),
      rules: { separate: [['investigator', 'county_approver']], nearRelativeRecusal: true },
    };
    expect((await admin.post('/api/duty-rules', relaxed)).body.code).toBe('FOUR_EYES_REQUIRED');
    const proposal = (await admin.post('/api/duty-rules/proposals', relaxed).expect(201)).body;
    expect(proposal.relaxes.length).toBeGreaterThan(0);
    const self = await admin.post(`/api/duty-rules/proposals/${proposal.id}/approve`);
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('FOUR_EYES_SAME_PERSON');
    // A sock puppet: a fresh administrator account made by the proposer.
    await createAccount('admin', {
      username: 'admin_puppet',
      displayName: '傀儡管理',
      role: 'admin',
      regionCode: '410799',
    });
    const puppet = await (
      await login('admin_puppet')
    ).post(`/api/duty-rules/proposals/${proposal.id}/approve`);
    expect(puppet.status).toBe(403);
    expect(puppet.body.code).toBe('FOUR_EYES_NOT_INDEPENDENT');
    const rows = await t.query(`SELECT 1 FROM duty_rules WHERE region_code = '410799100'`);
    expect(rows).toHaveLength(0);
    // The second administrator rejects it; it cannot be approved afterwards.
    const other = await t.as('admin2');
    await other
      .post(`/api/duty-rules/proposals/${proposal.id}/reject`, { reason: '未附县局批准文件' })
      .expect(201);
    expect((await other.post(`/api/duty-rules/proposals/${proposal.id}/approve`)).status).toBe(409);
    const audit = await t.query<{ action: string }>(
      `SELECT action FROM audit_entry WHERE action LIKE 'duty_rules.%' AND detail->>'proposalId' = $1 ORDER BY at`,
      [proposal.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['duty_rules.propose', 'duty_rules.reject']);
  });

  it('a township row cannot undo a tightening the county has scheduled', async () => {
    const day = (n: number) =>
      new Date(Date.parse(t.clock.today()) + n * 86_400_000).toISOString().slice(0, 10);
    const national = [
      ['investigator', 'township_reviewer'],
      ['township_reviewer', 'county_approver'],
      ['investigator', 'county_approver'],
    ];
    await (
      await t.as('admin2')
    )
      .post('/api/duty-rules', {
        regionCode: '410799',
        effectiveFrom: day(14),
        rules: { separate: [...national, ['window_clerk', 'county_approver']], nearRelativeRecusal: true },
      })
      .expect(201);
    const undo = await (
      await t.as('admin')
    ).post('/api/duty-rules', {
      regionCode: '410799100202',
      effectiveFrom: day(4),
      rules: { separate: national, nearRelativeRecusal: true },
    });
    expect(undo.status).toBe(409);
    expect(undo.body.code).toBe('FOUR_EYES_REQUIRED');
    expect(undo.body.message).toMatch(/窗口受理员与县级审批员分离/);
  });

  it('an approval of a proposal the rules have since overtaken is refused', async () => {
    const admin = await t.as('admin');
    const inForce = (await admin.get('/api/duty-rules?regionCode=410799101202').expect(200)).body.inForce
      .rules;
    // As strict as today's rules and the county's scheduled ones.
    const current = { ...inForce, separate: [...inForce.separate, ['window_clerk', 'county_approver']] };
    const effectiveFrom = new Date(Date.parse(t.clock.today()) + 3 * 86_400_000).toISOString().slice(0, 10);
    const proposal = (
      await admin
        .post('/api/duty-rules/proposals', { regionCode: '410799101202', effectiveFrom, rules: current })
        .expect(201)
    ).body;
    expect(proposal.relaxes).toEqual([]);
    const other = await t.as('admin2');
    await other
      .post('/api/duty-rules', {
        regionCode: '410799101202',
        effectiveFrom,
        rules: { ...current, separate: [...current.separate, ['window_clerk', 'township_reviewer']] },
      })
      .expect(201);
    const stale = await other.post(`/api/duty-rules/proposals/${proposal.id}/approve`);
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('PROPOSAL_STALE');
  });

  it('tightening needs no second administrator', async () => {
    const admin = await t.as('admin');
    const res = await admin.post('/api/duty-rules', {
      regionCode: '410799101',
      effectiveFrom: t.clock.today(),
      rules: {
        separate: [
          ['investigator', 'township_reviewer'],
          ['township_reviewer', 'county_approver'],
          ['investigator', 'county_approver'],
          ['window_clerk', 'county_approver'],
        ],
        nearRelativeRecusal: true,
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ createdByName: '吴管理', approvedByName: null });
  });
});

describe('publishing at the right level (finding 6)', () => {
  beforeAll(async () => {
    await createAccount('admin', {
      username: 'twp_legal',
      displayName: '镇法制',
      role: 'legal_officer',
      regionCode: '410799100',
    });
    await createAccount('admin', {
      username: 'twp_admin',
      displayName: '镇管理',
      role: 'admin',
      regionCode: '410799100',
    });
  });

  it('a township legal officer cannot publish a template every township uses', async () => {
    const legal = await t.as('legal');
    const { body: tpl } = await legal.get('/api/templates/verification-authorization').expect(200);
    const releases = await t.query(`SELECT count(*)::int AS n FROM template_release`);
    const res = await (
      await login('twp_legal')
    ).post('/api/templates/verification-authorization', {
      manifest: tpl.manifest,
      body: tpl.body.replace('查询所得信息仅用于', '查询所得信息（镇改）仅用于'),
    });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('LEVEL_REQUIRED');
    expect(res.body.message).toMatch(/县级或以上/);
    expect(await t.query(`SELECT count(*)::int AS n FROM template_release`)).toEqual(releases);
  });

  it('nor deploy a model or migrate cases', async () => {
    const twp = await login('twp_legal');
    const deploy = await twp.post('/api/processes', { xml: '<definitions/>', fileName: 'x.bpmn' });
    expect(deploy.status).toBe(403);
    expect(deploy.body.code).toBe('LEVEL_REQUIRED');
    const migrate = await twp.post('/api/processes/dibao/migrations', {
      caseIds: [],
      targetVersion: 1,
      dryRun: true,
    });
    expect(migrate.status).toBe(403);
  });

  it('a township administrator cannot publish policy parameters or duty rules', async () => {
    const twp = await login('twp_admin');
    const policy = await twp.post('/api/policy-parameters', {
      regionCode: '410799100',
      effectiveFrom: t.clock.today(),
      parameters: {},
    });
    expect(policy.status).toBe(403);
    const rules = await twp.post('/api/duty-rules', {
      regionCode: '410799100',
      effectiveFrom: t.clock.today(),
      rules: {
        separate: [
          ['investigator', 'county_approver'],
          ['investigator', 'township_reviewer'],
        ],
        nearRelativeRecusal: true,
      },
    });
    expect(rules.status).toBe(403);
    expect(rules.body.code).toBe('LEVEL_REQUIRED');
  });

  it('a county legal officer publishes, and the release records for which region', async () => {
    const legal = await t.as('legal');
    const { body: tpl } = await legal.get('/api/templates/verification-authorization').expect(200);
    await legal
      .post('/api/templates/verification-authorization', {
        manifest: tpl.manifest,
        body: tpl.body.replace('查询所得信息仅用于', '查询所得信息（县改）仅用于'),
      })
      .expect(201);
    const [release] = await t.query<{ scope_region: string; published_by: string }>(
      `SELECT scope_region, published_by FROM template_release ORDER BY published_at DESC LIMIT 1`,
    );
    expect(release).toEqual({ scope_region: '410799', published_by: await userId('legal') });
  });
});

// Last: the lax row it writes stays in the append-only table.
describe('the floor at run time', () => {
  it('holds the floor at run time even over a lax row already in the table', async () => {
    // A row from before the floor existed (or written around the API): no separation at all.
    await t.query(
      `INSERT INTO duty_rules (id, region_code, effective_from, version, rules, note, created_at)
       VALUES (gen_random_uuid(), '410799', '2021-07-02', 99, '{"separate":[],"nearRelativeRecusal":false}', 'lax', now())`,
    );
    // One county account that somehow also holds the investigator duty.
    await t.query(`UPDATE app_user SET extra_roles = '{investigator}' WHERE username = 'approver'`);
    try {
      const caseId = await apply(t);
      const users: Record<string, string> = {
        window_clerk: 'clerk',
        investigator: 'approver',
        township_reviewer: 'reviewer',
        county_approver: 'approver',
      };
      let refused: { status: number; body: { code: string; message: string } } | undefined;
      for (let i = 0; i < 20 && !refused; i++) {
        const [task] = await openTasks(t, caseId);
        if (!task) {
          // 公示 runs on a timer: let it pass.
          if ((await t.advanceDays(8)) < 1) break;
          continue;
        }
        const who = task.candidateGroups.includes('investigator')
          ? 'approver'
          : users[task.candidateGroups[0]];
        // The 初审 decides on the assessed economics; 信息核对 waits for the adults' signatures.
        await meetPrerequisites(t, caseId, task);
        const res = await (
          await t.as(who)
        ).post(`/api/tasks/${task.id}/complete`, {
          data: answersFor(task.form, servedToday(CONFIRM_PATH, t.clock.today())),
        });
        if (task.candidateGroups.includes('county_approver')) refused = res;
        else if (res.status !== 200)
          throw new Error(`${task.name}: ${res.status} ${JSON.stringify(res.body)}`);
      }
      expect(refused?.status).toBe(403);
      expect(refused?.body.code).toBe('DUTY_SEPARATION');
    } finally {
      await t.query(`UPDATE app_user SET extra_roles = '{}' WHERE username = 'approver'`);
    }
  });
});
