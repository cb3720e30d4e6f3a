import { MigrationInterface, QueryRunner } from 'typeorm';

export class Attachments1764250000000 implements MigrationInterface {
  name = 'Attachments1764250000000';

  async up(q: QueryRunner): Promise<void> {
    // The row is evidence: no DELETE, and an UPDATE may only add the thumbnail once or void it once.
    await q.query(`
      CREATE TABLE attachment (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES assistance_case(id),
        kind text NOT NULL CHECK (kind IN ('home_visit_photo','scan','other')),
        file_name text NOT NULL,
        content_type text NOT NULL,
        size_bytes int NOT NULL CHECK (size_bytes > 0),
        sha256 char(64) NOT NULL,
        blob_key text NOT NULL,
        thumbnail_blob_key text,
        taken_at timestamptz,
        place text,
        note text,
        uploaded_by uuid NOT NULL REFERENCES app_user(id),
        uploaded_at timestamptz NOT NULL,
        voided_at timestamptz,
        voided_by uuid REFERENCES app_user(id),
        void_reason text,
        CHECK ((voided_at IS NULL) = (void_reason IS NULL))
      );
      CREATE INDEX attachment_case_idx ON attachment (case_id, uploaded_at);
      CREATE FUNCTION attachment_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'attachment is a legal record: DELETE refused';
        END IF;
        IF (NEW.id, NEW.case_id, NEW.kind, NEW.file_name, NEW.content_type, NEW.size_bytes, NEW.sha256,
            NEW.blob_key, NEW.taken_at, NEW.place, NEW.note, NEW.uploaded_by, NEW.uploaded_at)
           IS DISTINCT FROM
           (OLD.id, OLD.case_id, OLD.kind, OLD.file_name, OLD.content_type, OLD.size_bytes, OLD.sha256,
            OLD.blob_key, OLD.taken_at, OLD.place, OLD.note, OLD.uploaded_by, OLD.uploaded_at)
           OR (OLD.thumbnail_blob_key IS NOT NULL AND NEW.thumbnail_blob_key IS DISTINCT FROM OLD.thumbnail_blob_key)
           OR (OLD.voided_at IS NOT NULL AND (NEW.voided_at, NEW.voided_by, NEW.void_reason)
               IS DISTINCT FROM (OLD.voided_at, OLD.voided_by, OLD.void_reason)) THEN
          RAISE EXCEPTION 'attachment is a legal record: only adding a thumbnail or voiding is allowed';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER attachment_guarded BEFORE UPDATE OR DELETE ON attachment
        FOR EACH ROW EXECUTE FUNCTION attachment_guard();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE attachment;
      DROP FUNCTION attachment_guard();
    `);
  }
}
