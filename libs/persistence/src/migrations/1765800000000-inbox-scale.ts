import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox at province scale (issue 19). Every inbox sort reads open tasks in index order and
 * stops after one page, so each sort has a partial index over open tasks whose columns are exactly
 * its keyset (all ascending: descending keys are negated, missing values coalesced to the end).
 *
 * The hardship index a county sorts by lives on the task row, copied from the case's latest
 * assessment by triggers in the same transaction that writes the assessment or opens the task:
 * sorting by a value joined in from a LATERAL subquery cannot use an index.
 *
 * `region_code LIKE 'x%'` cannot use a plain btree under a non-C collation (PostgreSQL's is
 * C.UTF-8 here); a `text_pattern_ops` index can.
 */
export class InboxScale1765800000000 implements MigrationInterface {
  name = 'InboxScale1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE task ADD COLUMN hardship_index numeric;
      UPDATE task t SET hardship_index = (
        SELECT a.hardship_index FROM assessment a JOIN assistance_case c ON c.id = a.case_id
        WHERE c.process_instance_id = t.instance_id ORDER BY a.created_at DESC LIMIT 1)
      WHERE t.status = 'open';

      CREATE FUNCTION task_hardship_on_open() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- The case first (unique on its instance), then its assessments newest first: two index probes.
        NEW.hardship_index := (
          SELECT a.hardship_index FROM assessment a
          WHERE a.case_id = (SELECT c.id FROM assistance_case c WHERE c.process_instance_id = NEW.instance_id)
          ORDER BY a.created_at DESC LIMIT 1);
        RETURN NEW;
      END $$;
      CREATE TRIGGER task_hardship_on_open BEFORE INSERT ON task
        FOR EACH ROW EXECUTE FUNCTION task_hardship_on_open();

      CREATE FUNCTION task_hardship_on_assessment() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.case_id IS NOT NULL THEN
          UPDATE task t SET hardship_index = (
            SELECT a.hardship_index FROM assessment a WHERE a.case_id = NEW.case_id
            ORDER BY a.created_at DESC LIMIT 1)
          FROM assistance_case c
          WHERE c.id = NEW.case_id AND t.instance_id = c.process_instance_id AND t.status = 'open';
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER task_hardship_on_assessment AFTER INSERT ON assessment
        FOR EACH ROW EXECUTE FUNCTION task_hardship_on_assessment();

      CREATE INDEX task_instance_idx ON task (instance_id);
      CREATE INDEX task_open_groups_idx ON task USING gin (candidate_groups) WHERE status = 'open';
      CREATE INDEX task_open_due_asc_idx ON task ((COALESCE(due_date, 'infinity'::date)), created_at, id)
        WHERE status = 'open';
      CREATE INDEX task_open_due_desc_idx ON task ((COALESCE(DATE '2000-01-01' - due_date, 2147483647)), created_at, id)
        WHERE status = 'open';
      CREATE INDEX task_open_hardship_desc_idx ON task
        ((COALESCE(-hardship_index, 'Infinity'::numeric)), (COALESCE(due_date, 'infinity'::date)), created_at, id)
        WHERE status = 'open';
      CREATE INDEX task_open_hardship_asc_idx ON task
        ((COALESCE(hardship_index, 'Infinity'::numeric)), (COALESCE(due_date, 'infinity'::date)), created_at, id)
        WHERE status = 'open';
      CREATE INDEX task_open_created_idx ON task (created_at, id) WHERE status = 'open';
      CREATE INDEX case_region_prefix_idx ON assistance_case (region_code text_pattern_ops);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX case_region_prefix_idx;
      DROP INDEX task_open_created_idx;
      DROP INDEX task_open_hardship_asc_idx;
      DROP INDEX task_open_hardship_desc_idx;
      DROP INDEX task_open_due_desc_idx;
      DROP INDEX task_open_due_asc_idx;
      DROP INDEX task_open_groups_idx;
      DROP INDEX task_instance_idx;
      DROP TRIGGER task_hardship_on_assessment ON assessment;
      DROP FUNCTION task_hardship_on_assessment();
      DROP TRIGGER task_hardship_on_open ON task;
      DROP FUNCTION task_hardship_on_open();
      ALTER TABLE task DROP COLUMN hardship_index;
    `);
  }
}
