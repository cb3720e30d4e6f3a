import { MigrationInterface, QueryRunner } from 'typeorm';

/** The applications the one-benefit-once rule compares against: being decided, or receiving a benefit. */
const OPEN_OR_ACTIVE = `kind = 'application' AND (status = 'in_progress' OR benefit_status IN ('active', 'gradual_exit'))`;

/**
 * The overlap check (one benefit once) runs at every application and on every case page of a case
 * being decided. It compared the ID numbers against every member of every open or active
 * application, one JSON unnesting per case; at a million cases that is a scan of the case table
 * per page. A GIN index over the members' ID numbers of those applications, and one over who
 * created them (an applicant's own account), answer it from a few index entries.
 */
export class CaseOverlapIndexes1767300000001 implements MigrationInterface {
  name = 'CaseOverlapIndexes1767300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX case_open_member_ids_idx ON assistance_case
        USING gin ((jsonb_path_query_array(household, '$[*].idNumber'))) WHERE ${OPEN_OR_ACTIVE};
      CREATE INDEX case_open_created_by_idx ON assistance_case (created_by) WHERE ${OPEN_OR_ACTIVE};
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX case_open_created_by_idx; DROP INDEX case_open_member_ids_idx;`);
  }
}
