import { MigrationInterface, QueryRunner } from 'typeorm';

/** The roles tasks are offered to (`camunda:candidateGroups` in processes/). */
const TASK_ROLES = ['window_clerk', 'investigator', 'township_reviewer', 'county_approver'];

/** Each inbox sort's keyset, exactly as `inbox.repository.ts` writes it. */
const KEYSETS: Record<string, string> = {
  due_asc: `(COALESCE(due_date, 'infinity'::date)), created_at, id`,
  due_desc: `(COALESCE(DATE '2000-01-01' - due_date, 2147483647)), created_at, id`,
  hardship_desc: `(COALESCE(-hardship_index, 'Infinity'::numeric)), (COALESCE(due_date, 'infinity'::date)), created_at, id`,
  hardship_asc: `(COALESCE(hardship_index, 'Infinity'::numeric)), (COALESCE(due_date, 'infinity'::date)), created_at, id`,
  created: `created_at, id`,
};

/**
 * One sort index per role. A role's open tasks can lie far down another role's order (at 100 000
 * cases a county approver's first page skipped 60 000 township tasks in the due-date index, 2 s);
 * an index over the role's own open tasks starts at its first page. The planner uses one when the
 * user holds that one duty (the predicate is the inbox's own `candidate_groups && '{role}'`); users
 * with several duties fall back to the indexes of migration 1765800000000.
 */
export class InboxRoleIndexes1765800000001 implements MigrationInterface {
  name = 'InboxRoleIndexes1765800000001';

  async up(q: QueryRunner): Promise<void> {
    for (const role of TASK_ROLES)
      for (const [sort, keys] of Object.entries(KEYSETS))
        await q.query(
          `CREATE INDEX task_open_${role}_${sort}_idx ON task (${keys})
           WHERE status = 'open' AND candidate_groups && '{${role}}'::text[]`,
        );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const role of TASK_ROLES)
      for (const sort of Object.keys(KEYSETS)) await q.query(`DROP INDEX task_open_${role}_${sort}_idx`);
  }
}
