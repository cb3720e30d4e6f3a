import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every adult member signs the 核对授权书, not only the applicant: one row per member of a case
 * (online on the applicant's phone, or on paper at the window with the scan as an attachment).
 */
export class MemberAuthorization1767100000000 implements MigrationInterface {
  name = 'MemberAuthorization1767100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE authorization_signature DROP CONSTRAINT authorization_signature_case_id_key;
      ALTER TABLE authorization_signature ADD COLUMN method text NOT NULL DEFAULT 'online'
        CHECK (method IN ('online', 'window'));
      ALTER TABLE authorization_signature ADD COLUMN attachment_id uuid;
      ALTER TABLE authorization_signature ADD CONSTRAINT authorization_signature_member_once
        UNIQUE (case_id, signer_id_number);
      CREATE INDEX authorization_signature_case ON authorization_signature (case_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX authorization_signature_case;
      ALTER TABLE authorization_signature DROP CONSTRAINT authorization_signature_member_once;
      ALTER TABLE authorization_signature DROP COLUMN attachment_id;
      ALTER TABLE authorization_signature DROP COLUMN method;
      ALTER TABLE authorization_signature ADD CONSTRAINT authorization_signature_case_id_key UNIQUE (case_id);
    `);
  }
}
