import { MigrationInterface, QueryRunner } from 'typeorm';

/** The roles tasks are offered to, and the length of the region code their staff work at. */
const ROLE_LEVELS: Record<string, number> = {
  window_clerk: 9,
  investigator: 9,
  township_reviewer: 9,
  county_approver: 6,
};

const DUE_ASC = `(COALESCE(due_date, 'infinity'::date))`;
const URGENCY_ASC = `(CASE urgency WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 WHEN 'blue' THEN 2 WHEN 'green' THEN 3 ELSE 4 END)`;
const URGENCY_DESC = `(CASE urgency WHEN 'green' THEN 0 WHEN 'blue' THEN 1 WHEN 'yellow' THEN 2 WHEN 'red' THEN 3 ELSE 4 END)`;

/** Each inbox sort's keyset over the task row alone, exactly as `inbox.repository.ts` writes it. */
const KEYSETS: Record<string, string> = {
  due_asc: `${DUE_ASC}, created_at, id`,
  due_desc: `(COALESCE(DATE '2000-01-01' - due_date, 2147483647)), created_at, id`,
  hardship_desc: `(COALESCE(-hardship_index, 'Infinity'::numeric)), ${DUE_ASC}, created_at, id`,
  hardship_asc: `(COALESCE(hardship_index, 'Infinity'::numeric)), ${DUE_ASC}, created_at, id`,
  created: `created_at, id`,
  urgency_asc: `${URGENCY_ASC}, ${DUE_ASC}, created_at, id`,
  urgency_desc: `${URGENCY_DESC}, ${DUE_ASC}, created_at, id`,
};

/**
 * The inbox at a million cases (issue 19). A township clerk's open tasks are one township's share
 * of the county's: walking a role's sort index and dropping the other townships' tasks after a
 * join to the case read twenty index entries and case rows per task listed, and the urgency sort,
 * whose key was on the case, sorted every open task of the role.
 *
 * The case's village code and urgency tag now live on the task as well, copied by triggers in the
 * transaction that opens the task or changes the case, like the hardship index. Each role's sort
 * index leads with the region code cut to the level its staff work at (township, or county for the
 * approver), so an inbox is one equality and a range in index order: the page is the first
 * `limit` entries after the cursor. They replace the role indexes of migration 1765800000001.
 * Completed tasks keep whatever they had: the inbox reads open tasks only.
 */
export class InboxTaskRegion1767300000000 implements MigrationInterface {
  name = 'InboxTaskRegion1767300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE task ADD COLUMN region_code varchar(12), ADD COLUMN urgency text;
      UPDATE task t SET region_code = c.region_code, urgency = c.urgency
      FROM assistance_case c WHERE c.process_instance_id = t.instance_id AND t.status = 'open';

      -- Replaces task_hardship_on_open: one probe of the case gives its region, urgency and id.
      DROP TRIGGER task_hardship_on_open ON task;
      DROP FUNCTION task_hardship_on_open();
      CREATE FUNCTION task_case_keys_on_open() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        kase record;
      BEGIN
        SELECT c.id, c.region_code, c.urgency INTO kase
        FROM assistance_case c WHERE c.process_instance_id = NEW.instance_id;
        NEW.region_code := kase.region_code;
        NEW.urgency := kase.urgency;
        NEW.hardship_index := (
          SELECT a.hardship_index FROM assessment a WHERE a.case_id = kase.id ORDER BY a.created_at DESC LIMIT 1);
        RETURN NEW;
      END $$;
      CREATE TRIGGER task_case_keys_on_open BEFORE INSERT ON task
        FOR EACH ROW EXECUTE FUNCTION task_case_keys_on_open();
      CREATE TRIGGER task_case_keys_on_reopen BEFORE UPDATE OF status ON task
        FOR EACH ROW WHEN (NEW.status = 'open' AND OLD.status IS DISTINCT FROM 'open')
        EXECUTE FUNCTION task_case_keys_on_open();

      CREATE FUNCTION task_case_keys_on_case() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE task t SET region_code = NEW.region_code, urgency = NEW.urgency
        WHERE t.instance_id = NEW.process_instance_id AND t.status = 'open'
          AND (t.region_code IS DISTINCT FROM NEW.region_code OR t.urgency IS DISTINCT FROM NEW.urgency);
        RETURN NULL;
      END $$;
      CREATE TRIGGER task_case_keys_on_case AFTER INSERT OR UPDATE OF region_code, urgency, process_instance_id
        ON assistance_case FOR EACH ROW EXECUTE FUNCTION task_case_keys_on_case();

      CREATE INDEX task_open_urgency_asc_idx ON task (${KEYSETS.urgency_asc}) WHERE status = 'open';
      CREATE INDEX task_open_urgency_desc_idx ON task (${KEYSETS.urgency_desc}) WHERE status = 'open';
    `);
    for (const [role, level] of Object.entries(ROLE_LEVELS))
      for (const [sort, keys] of Object.entries(KEYSETS)) {
        await q.query(`DROP INDEX IF EXISTS task_open_${role}_${sort}_idx`);
        await q.query(
          `CREATE INDEX task_open_${role}_${sort}_idx ON task ((substr(region_code, 1, ${level})), ${keys})
           WHERE status = 'open' AND candidate_groups && '{${role}}'::text[]`,
        );
      }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const role of Object.keys(ROLE_LEVELS))
      for (const [sort, keys] of Object.entries(KEYSETS)) {
        await q.query(`DROP INDEX task_open_${role}_${sort}_idx`);
        if (!sort.startsWith('urgency'))
          await q.query(
            `CREATE INDEX task_open_${role}_${sort}_idx ON task (${keys})
             WHERE status = 'open' AND candidate_groups && '{${role}}'::text[]`,
          );
      }
    await q.query(`
      DROP INDEX task_open_urgency_desc_idx;
      DROP INDEX task_open_urgency_asc_idx;
      DROP TRIGGER task_case_keys_on_case ON assistance_case;
      DROP FUNCTION task_case_keys_on_case();
      DROP TRIGGER task_case_keys_on_reopen ON task;
      DROP TRIGGER task_case_keys_on_open ON task;
      DROP FUNCTION task_case_keys_on_open();
      CREATE FUNCTION task_hardship_on_open() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.hardship_index := (
          SELECT a.hardship_index FROM assessment a
          WHERE a.case_id = (SELECT c.id FROM assistance_case c WHERE c.process_instance_id = NEW.instance_id)
          ORDER BY a.created_at DESC LIMIT 1);
        RETURN NEW;
      END $$;
      CREATE TRIGGER task_hardship_on_open BEFORE INSERT ON task
        FOR EACH ROW EXECUTE FUNCTION task_hardship_on_open();
      ALTER TABLE task DROP COLUMN urgency, DROP COLUMN region_code;
    `);
  }
}
