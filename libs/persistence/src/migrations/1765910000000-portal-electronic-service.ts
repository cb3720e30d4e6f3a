import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A decision the applicant downloads in the portal, with electronic-service consent on file, is
 * served electronically at that moment (issue 17): such a 送达 has no 送达回证 document, so the
 * receipt is optional — for the electronic method only, where the consent is the authority.
 */
export class PortalElectronicService1765910000000 implements MigrationInterface {
  name = 'PortalElectronicService1765910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE service_record ALTER COLUMN receipt_document_id DROP NOT NULL;
      ALTER TABLE service_record ADD CONSTRAINT service_record_receipt_or_electronic
        CHECK (receipt_document_id IS NOT NULL OR method = 'electronic');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE service_record DROP CONSTRAINT service_record_receipt_or_electronic;
      ALTER TABLE service_record ALTER COLUMN receipt_document_id SET NOT NULL;
    `);
  }
}
