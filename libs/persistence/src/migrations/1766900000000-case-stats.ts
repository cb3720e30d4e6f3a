import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rolling aggregates for the overview (issue 19): counting over the whole case and task tables on
 * every read grows with history, so triggers keep per-village rollups current in the same
 * transaction that writes a case, task or process instance, and the overview sums a few hundred
 * rollup rows instead.
 *
 * The triggers only append change rows (+1/−1): updating one shared row per key in place would
 * lock it mid-step until commit, serialising every step of a village and deadlocking against the
 * counter and row locks steps take (see 1764700000000-audit-chain). Readers sum the rows of a key;
 * `stats_compact()`, run by a background poll, folds them back to one row per key.
 *
 * Each rollup is a sum over rows of a contribution computed from one row (plus the row it joins
 * to). Every trigger subtracts the contribution of the old row and adds that of the new one, so
 * the rollup equals a full recount after any sequence of inserts, updates and deletes; a join
 * partner that is absent contributes like an unset column (a task without its case counts
 * nowhere, a case without its instance closes at `updated_at`), exactly as the recount's joins do.
 *
 * - case_stats: cases per village, program, status and outcome ('' for none).
 * - case_duration_stats: closed cases per village, program and calendar days from application to
 *   close (Beijing date), a histogram, so the median and 90th percentile stay exact.
 * - open_task_stats: open tasks per village, step and due date ('infinity' for none), so overdue
 *   and due-soon counts for any day are a range sum.
 * - task_completed_stats: completed tasks per village and step with the sum of their seconds open.
 *   `first_created` only orders the steps: it is the earliest creation ever counted, not lowered
 *   back when a completed task is removed.
 */
export class CaseStats1766900000000 implements MigrationInterface {
  name = 'CaseStats1766900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_stats (
        region_code varchar(12) NOT NULL, program text NOT NULL, status text NOT NULL, outcome text NOT NULL,
        cases integer NOT NULL);
      CREATE TABLE case_duration_stats (
        region_code varchar(12) NOT NULL, program text NOT NULL, days integer NOT NULL, cases integer NOT NULL);
      CREATE TABLE open_task_stats (
        region_code varchar(12) NOT NULL, step text NOT NULL, due_date date NOT NULL, tasks integer NOT NULL);
      CREATE TABLE task_completed_stats (
        region_code varchar(12) NOT NULL, step text NOT NULL, completed integer NOT NULL, seconds numeric NOT NULL,
        first_created timestamptz NOT NULL);
      CREATE INDEX case_stats_region_idx ON case_stats (region_code text_pattern_ops);
      CREATE INDEX case_duration_stats_region_idx ON case_duration_stats (region_code text_pattern_ops);
      CREATE INDEX open_task_stats_region_idx ON open_task_stats (region_code text_pattern_ops);
      CREATE INDEX task_completed_stats_region_idx ON task_completed_stats (region_code text_pattern_ops);
      -- The 超时通报's cases past their whole-case limit: in-progress cases only, not all of history.
      CREATE INDEX case_in_progress_limit_idx ON assistance_case (time_limit_due) WHERE status = 'in_progress';

      CREATE FUNCTION stats_case(r varchar, p text, s text, o text, d integer) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO case_stats VALUES (r, p, s, COALESCE(o, ''), d);
      END $$;

      CREATE FUNCTION stats_case_duration(r varchar, p text, s text, applied date, updated timestamptz,
                                          ended timestamptz, d integer) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF s = 'closed' THEN
          INSERT INTO case_duration_stats
          VALUES (r, p, ((COALESCE(ended, updated) AT TIME ZONE 'UTC') + interval '8 hours')::date - applied, d);
        END IF;
      END $$;

      CREATE FUNCTION stats_task(r varchar, task_name text, s text, due date, created timestamptz, completed timestamptz,
                                 d integer) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF r IS NULL THEN RETURN; END IF;
        IF s = 'open' THEN
          INSERT INTO open_task_stats VALUES (r, task_name, COALESCE(due, 'infinity'::date), d);
        ELSIF s = 'completed' AND completed IS NOT NULL THEN
          INSERT INTO task_completed_stats
          VALUES (r, task_name, d, d * extract(epoch FROM (completed - created)), created);
        END IF;
      END $$;

      -- The tasks of one instance, all counted (d = 1) or uncounted (d = -1) under region r.
      CREATE FUNCTION stats_instance_tasks(r varchar, instance uuid, d integer) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM stats_task(r, t.name, t.status, t.due_date, t.created_at, t.completed_at, d)
        FROM task t WHERE t.instance_id = instance;
      END $$;

      CREATE FUNCTION stats_on_case() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        key_changed boolean;
      BEGIN
        IF TG_OP = 'UPDATE'
           AND NEW.region_code = OLD.region_code AND NEW.program = OLD.program AND NEW.status = OLD.status
           AND NEW.outcome IS NOT DISTINCT FROM OLD.outcome AND NEW.application_date = OLD.application_date
           AND NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at
           AND NEW.process_instance_id = OLD.process_instance_id THEN
          RETURN NULL;
        END IF;
        -- An update that keeps the key leaves the counts alone: no write on the hot in-progress row.
        key_changed := TG_OP <> 'UPDATE' OR NEW.region_code <> OLD.region_code OR NEW.program <> OLD.program
          OR NEW.status <> OLD.status OR NEW.outcome IS DISTINCT FROM OLD.outcome;
        IF TG_OP <> 'INSERT' THEN
          IF key_changed THEN
            PERFORM stats_case(OLD.region_code, OLD.program, OLD.status, OLD.outcome, -1);
          END IF;
          PERFORM stats_case_duration(OLD.region_code, OLD.program, OLD.status, OLD.application_date, OLD.updated_at,
            (SELECT i.ended_at FROM process_instance i WHERE i.id = OLD.process_instance_id), -1);
          IF TG_OP = 'DELETE' OR NEW.region_code <> OLD.region_code
             OR NEW.process_instance_id <> OLD.process_instance_id THEN
            PERFORM stats_instance_tasks(OLD.region_code, OLD.process_instance_id, -1);
          END IF;
        END IF;
        IF TG_OP <> 'DELETE' THEN
          IF key_changed THEN
            PERFORM stats_case(NEW.region_code, NEW.program, NEW.status, NEW.outcome, 1);
          END IF;
          PERFORM stats_case_duration(NEW.region_code, NEW.program, NEW.status, NEW.application_date, NEW.updated_at,
            (SELECT i.ended_at FROM process_instance i WHERE i.id = NEW.process_instance_id), 1);
          IF TG_OP = 'INSERT' OR NEW.region_code <> OLD.region_code
             OR NEW.process_instance_id <> OLD.process_instance_id THEN
            PERFORM stats_instance_tasks(NEW.region_code, NEW.process_instance_id, 1);
          END IF;
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER stats_on_case AFTER INSERT OR UPDATE OR DELETE ON assistance_case
        FOR EACH ROW EXECUTE FUNCTION stats_on_case();

      CREATE FUNCTION stats_on_task() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE'
           AND NEW.status = OLD.status AND NEW.name = OLD.name AND NEW.instance_id = OLD.instance_id
           AND NEW.due_date IS NOT DISTINCT FROM OLD.due_date AND NEW.created_at = OLD.created_at
           AND NEW.completed_at IS NOT DISTINCT FROM OLD.completed_at THEN
          RETURN NULL;
        END IF;
        IF TG_OP <> 'INSERT' THEN
          PERFORM stats_task((SELECT c.region_code FROM assistance_case c WHERE c.process_instance_id = OLD.instance_id),
            OLD.name, OLD.status, OLD.due_date, OLD.created_at, OLD.completed_at, -1);
        END IF;
        IF TG_OP <> 'DELETE' THEN
          PERFORM stats_task((SELECT c.region_code FROM assistance_case c WHERE c.process_instance_id = NEW.instance_id),
            NEW.name, NEW.status, NEW.due_date, NEW.created_at, NEW.completed_at, 1);
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER stats_on_task AFTER INSERT OR UPDATE OR DELETE ON task
        FOR EACH ROW EXECUTE FUNCTION stats_on_task();

      CREATE FUNCTION stats_on_instance() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        old_ended timestamptz := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.ended_at END;
        new_ended timestamptz := CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.ended_at END;
        instance uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;
      BEGIN
        IF old_ended IS NOT DISTINCT FROM new_ended THEN RETURN NULL; END IF;
        PERFORM stats_case_duration(c.region_code, c.program, c.status, c.application_date, c.updated_at, old_ended, -1),
                stats_case_duration(c.region_code, c.program, c.status, c.application_date, c.updated_at, new_ended, 1)
        FROM assistance_case c WHERE c.process_instance_id = instance AND c.status = 'closed';
        RETURN NULL;
      END $$;
      CREATE TRIGGER stats_on_instance AFTER INSERT OR UPDATE OR DELETE ON process_instance
        FOR EACH ROW EXECUTE FUNCTION stats_on_instance();

      -- Folds the appended changes into one row per key. Each change row is deleted once, and its
      -- sum written back in the same statement, so every reader sees the same totals before and after.
      CREATE FUNCTION stats_compact() RETURNS void LANGUAGE sql AS $$
        WITH d AS (DELETE FROM case_stats RETURNING *)
        INSERT INTO case_stats SELECT region_code, program, status, outcome, sum(cases) FROM d
        GROUP BY 1, 2, 3, 4 HAVING sum(cases) <> 0;
        WITH d AS (DELETE FROM case_duration_stats RETURNING *)
        INSERT INTO case_duration_stats SELECT region_code, program, days, sum(cases) FROM d
        GROUP BY 1, 2, 3 HAVING sum(cases) <> 0;
        WITH d AS (DELETE FROM open_task_stats RETURNING *)
        INSERT INTO open_task_stats SELECT region_code, step, due_date, sum(tasks) FROM d
        GROUP BY 1, 2, 3 HAVING sum(tasks) <> 0;
        WITH d AS (DELETE FROM task_completed_stats RETURNING *)
        INSERT INTO task_completed_stats SELECT region_code, step, sum(completed), sum(seconds), min(first_created)
        FROM d GROUP BY 1, 2 HAVING sum(completed) <> 0;
      $$;

      INSERT INTO case_stats
      SELECT region_code, program, status, COALESCE(outcome, ''), count(*)
      FROM assistance_case GROUP BY 1, 2, 3, 4;
      INSERT INTO case_duration_stats
      SELECT c.region_code, c.program,
             ((COALESCE(i.ended_at, c.updated_at) AT TIME ZONE 'UTC') + interval '8 hours')::date - c.application_date,
             count(*)
      FROM assistance_case c LEFT JOIN process_instance i ON i.id = c.process_instance_id
      WHERE c.status = 'closed' GROUP BY 1, 2, 3;
      INSERT INTO open_task_stats
      SELECT c.region_code, t.name, COALESCE(t.due_date, 'infinity'::date), count(*)
      FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id
      WHERE t.status = 'open' GROUP BY 1, 2, 3;
      INSERT INTO task_completed_stats
      SELECT c.region_code, t.name, count(*), sum(extract(epoch FROM (t.completed_at - t.created_at))), min(t.created_at)
      FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id
      WHERE t.status = 'completed' AND t.completed_at IS NOT NULL GROUP BY 1, 2;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER stats_on_instance ON process_instance;
      DROP FUNCTION stats_on_instance();
      DROP TRIGGER stats_on_task ON task;
      DROP FUNCTION stats_on_task();
      DROP TRIGGER stats_on_case ON assistance_case;
      DROP FUNCTION stats_on_case();
      DROP FUNCTION stats_instance_tasks(varchar, uuid, integer);
      DROP FUNCTION stats_task(varchar, text, text, date, timestamptz, timestamptz, integer);
      DROP FUNCTION stats_case_duration(varchar, text, text, date, timestamptz, timestamptz, integer);
      DROP FUNCTION stats_case(varchar, text, text, text, integer);
      DROP FUNCTION stats_compact();
      DROP INDEX case_in_progress_limit_idx;
      DROP TABLE task_completed_stats;
      DROP TABLE open_task_stats;
      DROP TABLE case_duration_stats;
      DROP TABLE case_stats;
    `);
  }
}
