import type { AuthUser } from '@app/auth';
import { OverdueReportService, OverviewService, StatsCompactor } from '@app/supervision';
import { CaseStats1766900000000 } from '../libs/persistence/src/migrations/1766900000000-case-stats';
import { TestApp } from './support/test-app';
import { APPLICATION, CONFIRM_PATH, apply, drive, freshFamily } from './support/case-driver';

/**
 * The overview reads rollups that triggers keep current; these tests hold it, field for field,
 * against a recount of the same numbers over all of history in the base tables.
 */
let t: TestApp;
let overviews: OverviewService;
let reports: OverdueReportService;
const users: AuthUser[] = [];

const plusDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The overview reads only the user's region: a county, two townships and a village. */
const inRegion = (regionCode: string) => ({ regionCode }) as AuthUser;

async function expectRollupsMatchRecount() {
  for (const user of users) {
    const fromRollups = await overviews.overview(user);
    expect(fromRollups).toEqual(await overviews.recount(user));
    const today = t.clock.today();
    for (const asOf of [plusDays(today, -15), today, plusDays(today, 30)]) {
      expect(await reports.report(user, asOf)).toEqual(await reports.recount(user, asOf));
    }
  }
}

beforeAll(async () => {
  // Reads none of the documents its steps issue: they render when read (TestAppOptions).
  t = await TestApp.start({ documents: 'on-read' });
  overviews = t.app.get(OverviewService);
  reports = t.app.get(OverdueReportService);
  users.push(inRegion('410799'), inRegion('410799100'), inRegion('410799101'), inRegion('410799100201'));
});
afterAll(async () => {
  await t?.stop();
});

describe('overview rollups', () => {
  it('match a recount over the base tables as cases are confirmed, refused, left open and moved', async () => {
    const confirmed = await apply(t);
    const refused = await apply(t);
    const open = await apply(t);
    await (
      await t.as('hexi_clerk')
    )
      .post('/api/cases', { ...APPLICATION, ...freshFamily(77), regionCode: '410799101201' })
      .expect(201);
    await expectRollupsMatchRecount();

    await drive(t, confirmed, CONFIRM_PATH);
    await t.advanceDays(8);
    await drive(t, confirmed, CONFIRM_PATH);
    await drive(t, refused, { ...CONFIRM_PATH, decision: ['refuse'], reasons: '申请人户籍不在本乡镇' });
    await t.advanceDays(20);

    await expectRollupsMatchRecount();
    const before = await overviews.overview(users[0]);
    expect(before.totals.casesClosed).toBe(2);
    expect(before.casesByStatus).toEqual(
      expect.arrayContaining([
        { program: 'dibao', status: 'closed', outcome: 'confirmed', count: 1 },
        expect.objectContaining({ program: 'dibao', status: 'closed', count: 1 }),
        { program: 'dibao', status: 'in_progress', outcome: null, count: 2 },
      ]),
    );
    expect(before.durations.byProgram[0].closed).toBe(2);
    expect(before.totals.overdue).toBeGreaterThan(0);
    await expectRollupsMatchRecount();

    // A case that changes status, outcome and village outside any step: the old key is subtracted.
    await t.query(
      `UPDATE assistance_case SET status = 'closed', outcome = 'withdrawn', updated_at = now(), region_code = $2
       WHERE id = $1`,
      [open, '410799101201'],
    );
    await t.query(
      `UPDATE process_instance SET ended_at = now() - interval '3 days'
                   WHERE id = (SELECT process_instance_id FROM assistance_case WHERE id = $1)`,
      [open],
    );
    await t.query(
      `UPDATE task SET status = 'cancelled'
                   WHERE instance_id = (SELECT process_instance_id FROM assistance_case WHERE id = $1)
                     AND status = 'open'`,
      [open],
    );
    const after = await overviews.overview(users[0]);
    expect(after.totals.casesClosed).toBe(3);
    expect(after.totals.casesInProgress).toBe(1);
    await expectRollupsMatchRecount();
  });

  it('keep their totals when the appended change rows are folded to one row per key', async () => {
    const rows = () =>
      t.query<{ n: number }>(
        `SELECT ((SELECT count(*) FROM case_stats) + (SELECT count(*) FROM open_task_stats)
             + (SELECT count(*) FROM task_completed_stats) + (SELECT count(*) FROM case_duration_stats))::int AS n`,
      );
    const [before] = await rows();
    await t.app.get(StatsCompactor).compact();
    const [after] = await rows();
    expect(after.n).toBeLessThan(before.n);
    const [{ dup }] = await t.query<{ dup: number }>(
      `SELECT count(*)::int AS dup FROM (SELECT 1 FROM open_task_stats GROUP BY region_code, step, due_date
                                         HAVING count(*) > 1) k`,
    );
    expect(dup).toBe(0);
    await expectRollupsMatchRecount();
  });

  it('are backfilled from existing rows by the migration', async () => {
    await t.db.transaction(async (em) => {
      const migration = new CaseStats1766900000000();
      await migration.down(em.queryRunner!);
      await migration.up(em.queryRunner!);
    });
    await expectRollupsMatchRecount();
    const [{ n }] = await t.query<{ n: number }>(`SELECT COALESCE(sum(cases), 0)::int AS n FROM case_stats`);
    const [{ m }] = await t.query<{ m: number }>(`SELECT count(*)::int AS m FROM assistance_case`);
    expect(n).toBe(m);
  });
});
