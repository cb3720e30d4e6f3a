import { withCheckDigit } from '@app/assistance';
import { PlanNode, SentStatement, planNodes, sentStatements, statements } from './support/statements';
import { TestApp } from './support/test-app';
import { APPLICATION, apply } from './support/case-driver';

/**
 * The inbox pages by keyset (issue 19): each page starts strictly after the last task of the one
 * before, in the list's own order, so tasks completed between fetches neither hide a task that was
 * still to come nor bring one back.
 */
let t: TestApp;
const CASES = 7;

beforeAll(async () => {
  t = await TestApp.start({ documents: 'on-read' });
  for (let i = 0; i < CASES; i++) {
    const idNumber = withCheckDigit(`41079919700101${100 + i * 7}`);
    await apply(t, {
      applicant: {
        ...APPLICATION.applicant,
        name: `分页${'甲乙丙丁戊己庚'[i]}`,
        idNumber,
        // Seven different applicants, each with their own ID number and phone.
        phone: `1390000${String(1000 + i)}`,
      },
      members: [{ name: `分页${'甲乙丙丁戊己庚'[i]}`, idNumber, relation: '本人' }],
    });
  }
  // Spread the keys every sort reads, with ties and missing values among them.
  const open = await t.query<{ id: string }>(`SELECT id FROM task WHERE status = 'open' ORDER BY id`);
  for (const [i, { id }] of open.entries()) {
    await t.query(`UPDATE task SET due_date = $2, hardship_index = $3 WHERE id = $1`, [
      id,
      i % 3 === 0 ? null : `2026-0${1 + (i % 4)}-15`,
      i % 4 === 0 ? null : (i % 3) * 10,
    ]);
  }
});
afterAll(async () => {
  await t?.stop();
});

type Row = { taskId: string };

async function page(query: string) {
  const res = await (await t.as('clerk')).get(`/api/tasks${query}`).expect(200);
  return {
    ids: (res.body as Row[]).map((r) => r.taskId),
    next: res.headers['x-next-cursor'] as string | undefined,
    res,
  };
}

const SORTS = [
  '',
  '?sort=due&order=desc',
  '?sort=hardship',
  '?sort=hardship&order=desc',
  '?sort=created&order=desc',
  '?sort=urgency',
  '?sort=urgency&order=desc',
];

describe('inbox paging', () => {
  it.each(SORTS)('pages of two %s list every task once, in the order of the whole list', async (sort) => {
    const whole = await page(`${sort}${sort ? '&' : '?'}limit=200`);
    expect(whole.ids).toHaveLength(CASES);
    expect(whole.next).toBeUndefined();
    expect(whole.res.headers['x-total-count']).toBe(String(CASES));
    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < CASES; i++) {
      const p = await page(`${sort}${sort ? '&' : '?'}limit=2${after ? `&after=${after}` : ''}`);
      expect(p.ids.length).toBeLessThanOrEqual(2);
      seen.push(...p.ids);
      after = p.next;
      if (!after) break;
    }
    expect(seen).toEqual(whole.ids);
  });

  it('loses and repeats no task while tasks complete between fetches', async () => {
    const before = (await page('?limit=200')).ids;
    const seen: string[] = [];
    const completed = new Set<string>();
    let after: string | undefined;
    for (let i = 0; i <= CASES; i++) {
      const p = await page(`?limit=2${after ? `&after=${after}` : ''}`);
      seen.push(...p.ids);
      // Someone completes a task already seen and one not reached yet; offset paging would skip one.
      const done = [p.ids[0], before.find((id) => !seen.includes(id) && !completed.has(id))].filter(
        (id): id is string => !!id,
      );
      for (const id of done) completed.add(id);
      await t.query(`UPDATE task SET status = 'completed', completed_at = now() WHERE id = ANY($1::uuid[])`, [
        done,
      ]);
      after = p.next;
      if (!after) break;
    }
    expect(new Set(seen).size).toBe(seen.length);
    // Every task still open when its turn came was listed, in order.
    expect(seen).toEqual(before.filter((id) => seen.includes(id)));
    const missed = before.filter((id) => !seen.includes(id));
    expect(missed.every((id) => completed.has(id))).toBe(true);
    expect(seen.length).toBeGreaterThan(CASES / 2);
  });

  it('loses no task when the cursor task’s key changes between fetches (a new assessment)', async () => {
    const sort = '?sort=hardship&order=desc';
    const whole = (await page(`${sort}&limit=200`)).ids;
    const first = await page(`${sort}&limit=2`);
    // The last task shown drops to the bottom of the list, as a new assessment lowering its
    // household's hardship index does; read afresh, its new key would move the next page's start.
    const moved = first.ids[1];
    await t.query(`UPDATE task SET hardship_index = -1000 WHERE id = $1`, [moved]);
    const seen = [...first.ids];
    let after = first.next;
    while (after) {
      const p = await page(`${sort}&limit=2&after=${after}`);
      seen.push(...p.ids);
      after = p.next;
    }
    expect(whole.filter((id) => !seen.includes(id))).toEqual([]);
    // Only the re-keyed task may show twice: at its old place and at its new one.
    expect(seen.filter((id, i) => seen.indexOf(id) !== i)).toEqual(seen.length > whole.length ? [moved] : []);
  });

  it('refuses a cursor of another sort, a forged one and a bare task id, naming after', async () => {
    const clerk = await t.as('clerk');
    const next = (await page('?sort=due&limit=1')).next!;
    const [task] = await t.query<{ id: string }>(`SELECT id FROM task WHERE status = 'open' LIMIT 1`);
    const forged = Buffer.from(JSON.stringify(['due', 'asc', "2026-01-01'", 'x', 'y'])).toString('base64url');
    for (const q of [
      `?sort=created&after=${next}`,
      `?sort=due&order=desc&after=${next}`,
      `?after=${forged}`,
      `?after=${task.id}`,
    ]) {
      const res = await clerk.get(`/api/tasks${q}`);
      expect([q, res.status]).toEqual([q, 400]);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['after']);
    }
    await clerk.get(`/api/tasks?sort=due&after=${next}`).expect(200);
  });

  it('refuses a bad page size or cursor, naming the parameter', async () => {
    const res = await (await t.as('clerk')).get('/api/tasks?limit=0&after=x');
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['limit', 'after']);
  });
});

describe('inbox statements', () => {
  it('reads the duty rules once for a page whose tasks lie in several villages', async () => {
    await apply(t, {
      regionCode: '410799100202',
      applicant: { ...APPLICATION.applicant, name: '西关户', idNumber: withCheckDigit('41079919650101234') },
      members: [{ name: '西关户', idNumber: withCheckDigit('41079919650101234'), relation: '本人' }],
    });
    const clerk = await t.as('clerk');
    const page = await clerk.get('/api/tasks?limit=200').expect(200);
    const regions = new Set((page.body as { regionCode: string }[]).map((r) => r.regionCode));
    expect(regions.size).toBeGreaterThan(1);
    const sql = await statements(t, () => clerk.get('/api/tasks?limit=200').expect(200));
    expect(sql.filter((q) => /FROM\s+\S*duty_rules\s/.test(q)).length).toBeLessThanOrEqual(1);
  });

  it('are three: the session with its account, the page with what the duty rules need, and the read record', async () => {
    for (const user of ['clerk', 'approver']) {
      const client = await t.as(user);
      await client.get('/api/tasks').expect(200);
      const sql = await statements(t, () => client.get('/api/tasks?limit=200').expect(200));
      expect(sql).toHaveLength(3);
      expect(sql.filter((q) => /^\s*INSERT INTO audit_entry\b/.test(q))).toHaveLength(1);
      expect(sql.filter((q) => /^(START TRANSACTION|BEGIN)/.test(q))).toHaveLength(0);
    }
  });

  it('read the duty rules again once a rule set is added, also by another process', async () => {
    const clerk = await t.as('clerk');
    await clerk.get('/api/tasks').expect(200);
    const readsRules = (q: string) => /FROM\s+duty_rules\s+d\b/.test(q);
    expect((await statements(t, () => clerk.get('/api/tasks').expect(200))).filter(readsRules)).toHaveLength(
      0,
    );
    // Written past this process's DutyService, as a publish by another API process is.
    await t.query(
      `INSERT INTO duty_rules (id, region_code, effective_from, version, rules, note, created_at)
       SELECT gen_random_uuid(), region_code, effective_from, version + 100, rules, 'spec', now()
       FROM duty_rules ORDER BY length(region_code) DESC, version DESC LIMIT 1`,
    );
    expect((await statements(t, () => clerk.get('/api/tasks').expect(200))).filter(readsRules)).toHaveLength(
      1,
    );
    expect((await statements(t, () => clerk.get('/api/tasks').expect(200))).filter(readsRules)).toHaveLength(
      0,
    );
  });
});

describe('hardship index on the task', () => {
  it('follows the case’s latest assessment, written in the same transaction', async () => {
    const [task] = await t.query<{ id: string; case_id: string }>(
      `SELECT t.id, c.id AS case_id FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id
       WHERE t.status = 'open' LIMIT 1`,
    );
    const [params] = await t.query<{ id: string }>(`SELECT id FROM policy_parameters LIMIT 1`);
    await t.query(
      `INSERT INTO assessment (id, case_id, parameters_id, assessment_date, household, result, hardship_index, created_at)
       VALUES (gen_random_uuid(), $1, $2, '2026-01-01', '{}', '{}', 87.5, now())`,
      [task.case_id, params.id],
    );
    const [row] = await t.query<{ h: string }>(`SELECT hardship_index::text AS h FROM task WHERE id = $1`, [
      task.id,
    ]);
    expect(Number(row.h)).toBe(87.5);
    const first = (await (await t.as('clerk')).get('/api/tasks?sort=hardship&order=desc').expect(200))
      .body[0];
    expect(first).toMatchObject({ taskId: task.id, hardshipIndex: 87.5 });
  });
});

describe('case keys on the task', () => {
  it('follow the case’s region and urgency tag while the task is open', async () => {
    const [task] = await t.query<{ id: string; case_id: string; region_code: string }>(
      `SELECT t.id, c.id AS case_id, t.region_code FROM task t
       JOIN assistance_case c ON c.process_instance_id = t.instance_id WHERE t.status = 'open' LIMIT 1`,
    );
    expect(task.region_code).toMatch(/^410799/);
    await t.query(`UPDATE assistance_case SET urgency = 'red', region_code = '410799101201' WHERE id = $1`, [
      task.case_id,
    ]);
    const [row] = await t.query<{ region_code: string; urgency: string }>(
      `SELECT region_code, urgency FROM task WHERE id = $1`,
      [task.id],
    );
    expect(row).toEqual({ region_code: '410799101201', urgency: 'red' });
    // Moved to another township, it leaves this township clerk's inbox and enters that one's.
    const ids = async (user: string) =>
      ((await (await t.as(user)).get('/api/tasks?limit=200').expect(200)).body as Row[]).map((r) => r.taskId);
    expect(await ids('clerk')).not.toContain(task.id);
    expect(await ids('hexi_clerk')).toContain(task.id);
    await t.query(`UPDATE assistance_case SET urgency = NULL, region_code = $2 WHERE id = $1`, [
      task.case_id,
      task.region_code,
    ]);
    expect(await ids('clerk')).toContain(task.id);
  });
});

/** The page statement of one inbox request, with its parameters. */
async function pageStatement(user: string, query: string): Promise<SentStatement> {
  const client = await t.as(user);
  const sent = await sentStatements(t, () => client.get(`/api/tasks${query}`).expect(200));
  return sent.find((s) => /ORDER BY/.test(s.sql) && /FROM task t/.test(s.sql))!;
}

describe('inbox plans', () => {
  // Every sort, both directions, for a township role and the county approver: the page walks the
  // role's own index from the user's region in the list's order, with no sort of the open tasks.
  const cases = [
    ['clerk', 'window_clerk'],
    ['approver', 'county_approver'],
  ].flatMap(([user, role]) =>
    [
      ['sort=due', 'due_asc'],
      ['sort=due&order=desc', 'due_desc'],
      ['sort=hardship', 'hardship_asc'],
      ['sort=hardship&order=desc', 'hardship_desc'],
      ['sort=created', 'created'],
      ['sort=created&order=desc', 'created'],
      ['sort=urgency', 'urgency_asc'],
      ['sort=urgency&order=desc', 'urgency_desc'],
    ].map(([query, index]) => [user, query, `task_open_${role}_${index}_idx`]),
  );
  it.each(cases)('%s ?%s reads %s in order', async (user, query, index) => {
    const first = await (await t.as(user)).get(`/api/tasks?${query}&limit=1`).expect(200);
    const after = first.headers['x-next-cursor'] as string | undefined;
    for (const q of [`?${query}&limit=1`, ...(after ? [`?${query}&limit=1&after=${after}`] : [])]) {
      const all = await planNodes(t, await pageStatement(user, q));
      expect(all.filter((n) => /Sort/.test(n['Node Type']))).toEqual([]);
      const scan = all.find((n) => n['Index Name'] === index);
      expect(scan).toBeDefined();
      expect(scan!['Index Cond']).toMatch(/substr/);
    }
  });

  // The planner cannot tell how many open tasks lie under a region prefix: where it guessed a few
  // dozen for a county holding a hundred thousand, it joined every one of them to its case before
  // the limit. The page is cut from the role index first, and only its tasks are joined.
  it.each(cases)('%s ?%s joins the page, not every open task, to the cases', async (user, query, index) => {
    const [root] = await planNodes(t, await pageStatement(user, `?${query}&limit=1`));
    const down = (n: PlanNode): PlanNode[] | null => {
      if (n['Index Name'] === index) return [n];
      for (const child of n.Plans ?? []) {
        const path = down(child);
        if (path) return [n, ...path];
      }
      return null;
    };
    const path = down(root)!;
    expect(path).not.toBeNull();
    const limit = path.map((n) => n['Node Type']).lastIndexOf('Limit');
    expect(limit).toBeGreaterThanOrEqual(0);
    expect(path.slice(limit).filter((n) => /Join|Nested Loop/.test(n['Node Type']))).toEqual([]);
  });
});

describe('region statistics', () => {
  // Without statistics on the cut region code the planner takes 0.5 % of the tasks for any region,
  // however many lie in it, and picks its plans for that many (migration 1767950000000).
  it.each([6, 9])('ANALYZE counts the tasks under a %i-digit region prefix', async (n) => {
    await t.query(`ANALYZE task`);
    const [{ prefix, open }] = await t.query<{ prefix: string; open: number }>(
      `SELECT substr(region_code, 1, ${n}) AS prefix, count(*)::int AS open FROM task
       GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
    );
    const [row] = await t.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
      `EXPLAIN (FORMAT JSON) SELECT 1 FROM task t WHERE substr(t.region_code, 1, ${n}) = $1`,
      [prefix],
    );
    expect(row['QUERY PLAN'][0].Plan['Plan Rows']).toBeGreaterThanOrEqual(open / 2);
  });
});
