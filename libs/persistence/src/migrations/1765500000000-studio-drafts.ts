import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The studio for a legal officer (issue 15): a deployed version carries the change note its
 * author wrote, and models being edited are kept as drafts, which are stored even when they
 * fail the deploy checks so that a broken model can be opened and fixed.
 */
export class StudioDrafts1765500000000 implements MigrationInterface {
  name = 'StudioDrafts1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE process_definition ADD COLUMN change_note text;
      CREATE TABLE process_draft (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        file_name text NOT NULL,
        source text NOT NULL,
        origin text NOT NULL,
        created_by uuid NOT NULL,
        updated_at timestamptz NOT NULL
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE process_draft; ALTER TABLE process_definition DROP COLUMN change_note;`);
  }
}
