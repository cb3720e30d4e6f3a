import { MigrationInterface, QueryRunner } from 'typeorm';

/** Four-colour urgency tag (四色：红、黄、蓝、绿) of emergency cases, set by the model's `case.urgency` step. */
export class CaseUrgency1764610000000 implements MigrationInterface {
  name = 'CaseUrgency1764610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE assistance_case
        ADD COLUMN urgency text NULL CHECK (urgency IN ('red', 'yellow', 'blue', 'green'));
      CREATE INDEX assistance_case_urgency ON assistance_case(urgency) WHERE urgency IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX assistance_case_urgency; ALTER TABLE assistance_case DROP COLUMN urgency;`);
  }
}
