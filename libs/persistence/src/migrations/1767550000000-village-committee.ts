import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A village (社区) is a place; its 村（居）民委员会 is an organ with a formal name of its own
 * ("东关村" and "东关村村民委员会"). Documents name the place where a place is meant (公示 "现将东关村…")
 * and the committee where an organ is meant (抄送), so the committee's name is data of the region.
 * Existing names are left as they are: only the deployment knows each committee's formal name.
 */
export class VillageCommittee1767550000000 implements MigrationInterface {
  name = 'VillageCommittee1767550000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE region ADD COLUMN committee_name text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE region DROP COLUMN committee_name`);
  }
}
