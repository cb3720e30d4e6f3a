import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Effective dates for process models, and template releases published from the studio.
 * Existing model versions take effect from the day they were deployed.
 */
export class Studio1764300000000 implements MigrationInterface {
  name = 'Studio1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE process_definition ADD COLUMN effective_from date;
      UPDATE process_definition SET effective_from = CAST(deployed_at AS date);
      ALTER TABLE process_definition ALTER COLUMN effective_from SET NOT NULL;
      CREATE INDEX process_definition_effective_idx ON process_definition (key, effective_from);
      CREATE TABLE template_release (
        id uuid PRIMARY KEY,
        template_id text NOT NULL,
        version int NOT NULL,
        content_hash char(64) NOT NULL REFERENCES document_template(content_hash),
        effective_from date NOT NULL,
        published_by uuid,
        published_at timestamptz NOT NULL,
        UNIQUE (template_id, version)
      );
      CREATE INDEX template_release_lookup_idx ON template_release (template_id, effective_from);
      CREATE TRIGGER template_release_append_only BEFORE UPDATE OR DELETE ON template_release
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE template_release;
      DROP INDEX process_definition_effective_idx;
      ALTER TABLE process_definition DROP COLUMN effective_from;
    `);
  }
}
