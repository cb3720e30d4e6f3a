import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per case moved to another version of its process model (版本迁移): which versions,
 * the element mapping applied and who did it. Append-only, like the audit trail.
 */
export class ProcessMigration1764640000000 implements MigrationInterface {
  name = 'ProcessMigration1764640000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE process_migration (
        id uuid PRIMARY KEY,
        instance_id uuid NOT NULL REFERENCES process_instance(id),
        case_id uuid REFERENCES assistance_case(id),
        definition_key text NOT NULL,
        from_definition_id uuid NOT NULL REFERENCES process_definition(id),
        to_definition_id uuid NOT NULL REFERENCES process_definition(id),
        from_version int NOT NULL,
        to_version int NOT NULL,
        mapping jsonb NOT NULL,
        waiting jsonb NOT NULL,
        migrated_by uuid REFERENCES app_user(id),
        migrated_at timestamptz NOT NULL,
        CHECK (from_definition_id <> to_definition_id)
      );
      CREATE INDEX process_migration_instance_idx ON process_migration (instance_id, migrated_at);
      CREATE INDEX process_migration_key_idx ON process_migration (definition_key, migrated_at);
      CREATE FUNCTION process_migration_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'process_migration is append-only: % refused', TG_OP;
      END $$;
      CREATE TRIGGER process_migration_append_only BEFORE UPDATE OR DELETE ON process_migration
        FOR EACH ROW EXECUTE FUNCTION process_migration_guard();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE process_migration;
      DROP FUNCTION process_migration_guard();
    `);
  }
}
