import { MigrationInterface, QueryRunner } from 'typeorm';

/** Cases of every program and kind: applications, procedures on an existing case, warnings. */
export class CaseKinds1764500000000 implements MigrationInterface {
  name = 'CaseKinds1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE assistance_case
        ADD COLUMN kind text NOT NULL DEFAULT 'application'
          CHECK (kind IN ('application', 'procedure', 'monitoring')),
        ADD COLUMN parent_case_id uuid REFERENCES assistance_case(id);
      CREATE INDEX assistance_case_parent ON assistance_case(parent_case_id) WHERE parent_case_id IS NOT NULL;
      -- Documents of one step share their issue time; this keeps the order they were issued in.
      ALTER TABLE document ADD COLUMN seq bigserial;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE document DROP COLUMN seq;`);
    await q.query(`ALTER TABLE assistance_case DROP COLUMN parent_case_id, DROP COLUMN kind;`);
  }
}
