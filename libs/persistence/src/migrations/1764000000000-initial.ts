import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1764000000000 implements MigrationInterface {
  name = 'Initial1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE region (
        code varchar(12) PRIMARY KEY,
        name text NOT NULL,
        level text NOT NULL CHECK (level IN ('county','township','village')),
        parent_code varchar(12) REFERENCES region(code)
      );
      CREATE TABLE agency (
        region_code varchar(12) PRIMARY KEY REFERENCES region(code),
        name text NOT NULL,
        abbr text NOT NULL,
        level text NOT NULL CHECK (level IN ('county','township')),
        review_government text NOT NULL,
        court text NOT NULL,
        address text
      );
      CREATE TABLE app_user (
        id uuid PRIMARY KEY,
        username text NOT NULL UNIQUE,
        display_name text NOT NULL,
        role text NOT NULL,
        region_code varchar(12) NOT NULL REFERENCES region(code),
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE user_session (
        token_hash char(64) PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES app_user(id),
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE process_definition (
        id uuid PRIMARY KEY,
        key text NOT NULL,
        version int NOT NULL,
        name text NOT NULL,
        content_hash char(64) NOT NULL,
        source text NOT NULL,
        deployed_at timestamptz NOT NULL,
        UNIQUE (key, version),
        UNIQUE (key, content_hash)
      );
      CREATE TABLE process_instance (
        id uuid PRIMARY KEY,
        definition_id uuid NOT NULL REFERENCES process_definition(id),
        business_key text NOT NULL,
        status text NOT NULL CHECK (status IN ('running','completed','failed')),
        outcome text,
        state jsonb NOT NULL,
        version int NOT NULL,
        started_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        ended_at timestamptz
      );
      CREATE TABLE task (
        id uuid PRIMARY KEY,
        instance_id uuid NOT NULL REFERENCES process_instance(id),
        element_id text NOT NULL,
        name text NOT NULL,
        candidate_groups text[] NOT NULL,
        form jsonb NOT NULL,
        due text,
        due_date date,
        due_date_certain boolean NOT NULL DEFAULT true,
        status text NOT NULL CHECK (status IN ('open','completed','cancelled')),
        data jsonb,
        completed_by uuid,
        created_at timestamptz NOT NULL,
        completed_at timestamptz
      );
      CREATE INDEX task_open_idx ON task (status, instance_id);
      CREATE TABLE timer (
        id uuid PRIMARY KEY,
        instance_id uuid NOT NULL REFERENCES process_instance(id),
        element_id text NOT NULL,
        due_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('pending','fired','cancelled')),
        created_at timestamptz NOT NULL,
        fired_at timestamptz
      );
      CREATE INDEX timer_due_idx ON timer (due_at) WHERE status = 'pending';
      CREATE TABLE assistance_case (
        id uuid PRIMARY KEY,
        case_no text NOT NULL UNIQUE,
        program text NOT NULL,
        process_instance_id uuid NOT NULL UNIQUE REFERENCES process_instance(id),
        region_code varchar(12) NOT NULL REFERENCES region(code),
        applicant_name text NOT NULL,
        applicant_id_number varchar(18) NOT NULL,
        applicant_address text NOT NULL,
        applicant_phone text,
        household jsonb NOT NULL,
        near_relative boolean NOT NULL,
        status text NOT NULL CHECK (status IN ('in_progress','closed')),
        outcome text,
        benefit_amount_fen int CHECK (benefit_amount_fen >= 0),
        benefit_start_month text,
        application_date date NOT NULL,
        acceptance_date date,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX case_region_idx ON assistance_case (region_code);
      CREATE TABLE counter (
        scope text NOT NULL,
        year int NOT NULL,
        value int NOT NULL,
        PRIMARY KEY (scope, year)
      );
      CREATE TABLE document_template (
        content_hash char(64) PRIMARY KEY,
        template_id text NOT NULL,
        version int NOT NULL,
        manifest text NOT NULL,
        body text NOT NULL,
        registered_at timestamptz NOT NULL
      );
      CREATE TABLE document (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES assistance_case(id),
        element_id text NOT NULL,
        template_id text NOT NULL,
        template_version int NOT NULL,
        template_hash char(64) NOT NULL REFERENCES document_template(content_hash),
        title text NOT NULL,
        agency_region_code varchar(12) NOT NULL REFERENCES agency(region_code),
        number text UNIQUE,
        data jsonb NOT NULL,
        verify_code text NOT NULL UNIQUE,
        issued_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('pending','archived')),
        pdf_sha256 char(64)
      );
      CREATE INDEX document_case_idx ON document (case_id);
      CREATE INDEX document_pending_idx ON document (issued_at) WHERE status = 'pending';
      CREATE TABLE archive_ledger (
        seq bigserial PRIMARY KEY,
        document_id uuid NOT NULL UNIQUE REFERENCES document(id),
        case_id uuid NOT NULL,
        element_id text NOT NULL,
        template_id text NOT NULL,
        template_version int NOT NULL,
        number text,
        data_sha256 char(64) NOT NULL,
        pdf_sha256 char(64) NOT NULL,
        prev_hash char(64) NOT NULL,
        entry_hash char(64) NOT NULL UNIQUE,
        recorded_at timestamptz NOT NULL
      );
      CREATE TABLE audit_entry (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        actor_id uuid,
        action text NOT NULL,
        case_id uuid,
        detail jsonb
      );
      CREATE INDEX audit_case_idx ON audit_entry (case_id);
      CREATE TABLE idempotency_key (
        key text NOT NULL,
        user_id uuid NOT NULL,
        request_hash char(64) NOT NULL,
        response_status int NOT NULL,
        response_body jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (key, user_id)
      );
      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
      END $$;
      CREATE TRIGGER archive_ledger_append_only BEFORE UPDATE OR DELETE ON archive_ledger
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE idempotency_key, audit_entry, archive_ledger, document, document_template, counter, assistance_case,
        timer, task, process_instance, process_definition, user_session, app_user, agency, region;
      DROP FUNCTION refuse_change();
    `);
  }
}
