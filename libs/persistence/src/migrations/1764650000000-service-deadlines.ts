import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 送达 records and consents, the loaded holiday calendar, and the whole-case time limit. Every new
 * table is evidence or history: append-only by trigger.
 */
export class ServiceDeadlines1764650000000 implements MigrationInterface {
  name = 'ServiceDeadlines1764650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE holiday_calendar (
        id bigserial PRIMARY KEY,
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        version int NOT NULL,
        holidays date[] NOT NULL,
        workdays date[] NOT NULL,
        source text NOT NULL,
        loaded_by uuid REFERENCES app_user(id),
        loaded_at timestamptz NOT NULL,
        UNIQUE (year, version)
      );
      CREATE TRIGGER holiday_calendar_append_only BEFORE UPDATE OR DELETE ON holiday_calendar
        FOR EACH ROW EXECUTE FUNCTION refuse_change();

      CREATE TABLE service_consent (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES assistance_case(id),
        recipient text NOT NULL,
        address text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('online', 'paper')),
        signed_on date NOT NULL,
        template_id text,
        template_version int,
        text_hash char(64),
        text text,
        note text,
        recorded_by uuid NOT NULL REFERENCES app_user(id),
        recorded_at timestamptz NOT NULL,
        user_agent text,
        ip text
      );
      CREATE INDEX service_consent_case_idx ON service_consent (case_id, recipient);
      CREATE TRIGGER service_consent_append_only BEFORE UPDATE OR DELETE ON service_consent
        FOR EACH ROW EXECUTE FUNCTION refuse_change();

      CREATE TABLE service_record (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES assistance_case(id),
        document_id uuid NOT NULL REFERENCES document(id),
        receipt_document_id uuid NOT NULL UNIQUE REFERENCES document(id),
        method text NOT NULL CHECK (method IN ('direct', 'left', 'post', 'electronic', 'public', 'entrusted')),
        served_on date NOT NULL,
        deemed_served_on date NOT NULL CHECK (deemed_served_on >= served_on),
        recipient text NOT NULL,
        address text,
        servers text[] NOT NULL,
        witnesses text[] NOT NULL,
        evidence text,
        consent_id uuid REFERENCES service_consent(id),
        remedy boolean NOT NULL,
        recorded_by uuid,
        recorded_at timestamptz NOT NULL,
        CHECK (method <> 'electronic' OR consent_id IS NOT NULL)
      );
      CREATE INDEX service_record_case_idx ON service_record (case_id, served_on);
      CREATE TRIGGER service_record_append_only BEFORE UPDATE OR DELETE ON service_record
        FOR EACH ROW EXECUTE FUNCTION refuse_change();

      ALTER TABLE assistance_case ADD COLUMN time_limit_due date;
      ALTER TABLE assistance_case ADD COLUMN time_limit_due_certain boolean;
      ALTER TABLE assistance_case ADD COLUMN time_limit_extended boolean NOT NULL DEFAULT false;

      CREATE TABLE case_time_limit_extension (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL UNIQUE REFERENCES assistance_case(id),
        reason text NOT NULL,
        approved_by uuid NOT NULL REFERENCES app_user(id),
        approved_at timestamptz NOT NULL,
        previous_due date NOT NULL,
        new_due date NOT NULL CHECK (new_due >= previous_due)
      );
      CREATE TRIGGER case_time_limit_extension_append_only BEFORE UPDATE OR DELETE ON case_time_limit_extension
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE case_time_limit_extension;
      ALTER TABLE assistance_case DROP COLUMN time_limit_extended;
      ALTER TABLE assistance_case DROP COLUMN time_limit_due_certain;
      ALTER TABLE assistance_case DROP COLUMN time_limit_due;
      DROP TABLE service_record;
      DROP TABLE service_consent;
      DROP TABLE holiday_calendar;
    `);
  }
}
