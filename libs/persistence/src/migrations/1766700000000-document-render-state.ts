import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents render after the step's commit, in a thread pool (issue 19): a render that fails keeps
 * its row pending for the sweep to retry, and records why here, so the case shows 生成失败 meanwhile.
 * A table of its own: the document row itself only ever changes once (the guard trigger).
 */
export class DocumentRenderState1766700000000 implements MigrationInterface {
  name = 'DocumentRenderState1766700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE document_render_failure (
        document_id uuid PRIMARY KEY REFERENCES document (id),
        attempts int NOT NULL,
        error text NOT NULL,
        failed_at timestamptz NOT NULL
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE document_render_failure;
    `);
  }
}
