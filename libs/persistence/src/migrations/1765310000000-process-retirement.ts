import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Explicit retirement of a process key (issue 15): the legal officer's decision, with its reason,
 * is evidence — append-only, and one per key (a retired key stays retired).
 */
export class ProcessRetirement1765310000000 implements MigrationInterface {
  name = 'ProcessRetirement1765310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE process_retirement (
        id uuid PRIMARY KEY,
        process_key text NOT NULL UNIQUE,
        effective_from date NOT NULL,
        reason text NOT NULL CHECK (length(btrim(reason)) > 0),
        retired_by uuid NOT NULL,
        retired_at timestamptz NOT NULL
      );
      CREATE TRIGGER process_retirement_append_only BEFORE UPDATE OR DELETE ON process_retirement
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE process_retirement;`);
  }
}
