import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 动态管理: the benefit ledger (every grant and change of a beneficiary's monthly benefit, append
 * only), the beneficiary's current status and review schedule on the case, and the periodic
 * review cohorts (定期核查批次).
 */
export class BenefitLedger1764620000000 implements MigrationInterface {
  name = 'BenefitLedger1764620000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE assistance_case
        ADD COLUMN benefit_status text
          CHECK (benefit_status IN ('active','gradual_exit','stopped','terminated')),
        ADD COLUMN review_category text CHECK (review_category IN ('stable','unstable')),
        ADD COLUMN next_review_date date;
      CREATE INDEX assistance_case_review_idx ON assistance_case (benefit_status, next_review_date);

      CREATE TABLE benefit_change (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES assistance_case(id),
        source_case_id uuid NOT NULL REFERENCES assistance_case(id),
        action text NOT NULL CHECK (action IN
          ('grant','increase','decrease','stop','gradual_exit','terminate','person_reduce','recover')),
        amount_fen int CHECK (amount_fen IS NULL OR amount_fen >= 0),
        effective_month text NOT NULL CHECK (effective_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        gradual_exit_until text CHECK (gradual_exit_until ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        person_id_number varchar(18),
        reasons text,
        document_id uuid REFERENCES document(id),
        created_at timestamptz NOT NULL,
        created_by uuid REFERENCES app_user(id)
      );
      CREATE INDEX benefit_change_case_idx ON benefit_change (case_id, created_at);
      CREATE FUNCTION benefit_change_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'benefit_change is append-only: % refused', TG_OP;
      END $$;
      CREATE TRIGGER benefit_change_append_only BEFORE UPDATE OR DELETE ON benefit_change
        FOR EACH ROW EXECUTE FUNCTION benefit_change_guard();

      CREATE TABLE review_cohort (
        id uuid PRIMARY KEY,
        region_code varchar(12) NOT NULL REFERENCES region(code),
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        created_at timestamptz NOT NULL,
        created_by uuid NOT NULL REFERENCES app_user(id),
        UNIQUE (region_code, period)
      );
      CREATE TABLE review_cohort_member (
        cohort_id uuid NOT NULL REFERENCES review_cohort(id),
        case_id uuid NOT NULL REFERENCES assistance_case(id),
        review_category text NOT NULL CHECK (review_category IN ('stable','unstable')),
        due_date date NOT NULL,
        procedure_case_id uuid REFERENCES assistance_case(id),
        PRIMARY KEY (cohort_id, case_id)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE review_cohort_member;
      DROP TABLE review_cohort;
      DROP TABLE benefit_change;
      DROP FUNCTION benefit_change_guard();
      DROP INDEX assistance_case_review_idx;
      ALTER TABLE assistance_case DROP COLUMN benefit_status, DROP COLUMN review_category,
        DROP COLUMN next_review_date;
    `);
  }
}
