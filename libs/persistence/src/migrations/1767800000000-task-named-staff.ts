import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The staff a completed step's form names (the investigators of 入户调查, the visitors of 邻里访问),
 * by account: separation of duties holds each of them to the step as if they had submitted it.
 */
export class TaskNamedStaff1767800000000 implements MigrationInterface {
  name = 'TaskNamedStaff1767800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE task ADD COLUMN named_staff uuid[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE task DROP COLUMN named_staff`);
  }
}
