import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Incidents (issue 15 §2): a step that fails at run time — a gateway with no matching branch, an
 * expression failing on real data, a service error, a timer that cannot fire — or a case that hangs
 * with nothing to wait on. The row is written in its own transaction after the failed step rolled
 * back, so it survives the rollback; it is resolved by a successful retry or by a legal officer with
 * a reason. `process_migration` records each migrated case's reason and legal basis.
 */
export class Incidents1765400000000 implements MigrationInterface {
  name = 'Incidents1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE incident (
        id uuid PRIMARY KEY,
        instance_id uuid NOT NULL REFERENCES process_instance(id),
        case_id uuid REFERENCES assistance_case(id),
        definition_id uuid NOT NULL REFERENCES process_definition(id),
        definition_key text NOT NULL,
        definition_version int NOT NULL,
        kind text NOT NULL CHECK (kind IN ('task', 'timer', 'stalled')),
        element_id text,
        element_name text,
        task_id uuid REFERENCES task(id),
        timer_id uuid REFERENCES timer(id),
        cause text NOT NULL,
        raw_error text NOT NULL,
        payload jsonb,
        status text NOT NULL CHECK (status IN ('open', 'resolved')),
        occurrences int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        resolved_at timestamptz,
        resolved_by uuid REFERENCES app_user(id),
        resolution text,
        CHECK ((status = 'open') = (resolved_at IS NULL))
      );
      CREATE INDEX incident_open_idx ON incident (status, definition_key, definition_version);
      CREATE INDEX incident_instance_idx ON incident (instance_id, status);
      CREATE UNIQUE INDEX incident_one_open_per_element ON incident (instance_id, kind, coalesce(element_id, ''))
        WHERE status = 'open';
      ALTER TABLE process_migration ADD COLUMN reason text;
      ALTER TABLE process_migration ADD COLUMN legal_basis text;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE incident;
      ALTER TABLE process_migration DROP COLUMN reason;
      ALTER TABLE process_migration DROP COLUMN legal_basis;
    `);
  }
}
