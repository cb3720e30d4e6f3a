import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Trust (issue 7): where each audited action came from; extra duties a staff member may hold
 * (small townships give one person several); separation-of-duty and recusal rules as versioned
 * data per region; issued documents frozen once archived; failed sign-ins for lock-out.
 */
export class Trust1764800000000 implements MigrationInterface {
  name = 'Trust1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE audit_entry ADD COLUMN origin jsonb;
      CREATE INDEX audit_actor_idx ON audit_entry (actor_id, at);
      CREATE INDEX audit_at_idx ON audit_entry (at);
      ALTER TABLE app_user ADD COLUMN extra_roles text[] NOT NULL DEFAULT '{}';

      CREATE TABLE duty_rules (
        id uuid PRIMARY KEY,
        region_code varchar(12) NOT NULL,
        effective_from date NOT NULL,
        version int NOT NULL,
        rules jsonb NOT NULL,
        note text,
        created_by uuid,
        created_at timestamptz NOT NULL,
        UNIQUE (region_code, version)
      );
      CREATE TRIGGER duty_rules_append_only BEFORE UPDATE OR DELETE ON duty_rules
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
      -- The national default ('' is every region's prefix): 审核确认办法 separates investigation,
      -- first-instance review and confirmation, and 第十一条 makes staff with a near relative recuse.
      INSERT INTO duty_rules (id, region_code, effective_from, version, rules, note, created_at) VALUES (
        '00000000-0000-4000-8000-000000000701', '', '2021-07-01', 1,
        '{"separate":[["investigator","township_reviewer"],["township_reviewer","county_approver"],["investigator","county_approver"]],"nearRelativeRecusal":true}',
        '全国默认：调查、审核、确认分离；近亲属回避', now()
      );

      -- An archived document is evidence: never deleted, and the only change ever made to a row is
      -- the pipeline's one-time pending → archived with its PDF hash.
      CREATE FUNCTION guard_document() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'document is append-only: DELETE refused';
        END IF;
        IF OLD.status <> 'pending' OR NEW.status <> 'archived' OR NEW.pdf_sha256 IS NULL
           OR (NEW.id, NEW.case_id, NEW.element_id, NEW.template_id, NEW.template_version, NEW.template_hash,
               NEW.title, NEW.agency_region_code, NEW.number, NEW.data, NEW.verify_code, NEW.issued_at)
              IS DISTINCT FROM
              (OLD.id, OLD.case_id, OLD.element_id, OLD.template_id, OLD.template_version, OLD.template_hash,
               OLD.title, OLD.agency_region_code, OLD.number, OLD.data, OLD.verify_code, OLD.issued_at) THEN
          RAISE EXCEPTION 'document is append-only: UPDATE refused';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER document_guarded BEFORE UPDATE OR DELETE ON document
        FOR EACH ROW EXECUTE FUNCTION guard_document();

      CREATE TABLE login_attempt (
        id bigserial PRIMARY KEY,
        username text NOT NULL,
        at timestamptz NOT NULL,
        ok boolean NOT NULL,
        ip text
      );
      CREATE INDEX login_attempt_user_idx ON login_attempt (username, at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE login_attempt;
      DROP TRIGGER document_guarded ON document;
      DROP FUNCTION guard_document();
      DROP TABLE duty_rules;
      ALTER TABLE app_user DROP COLUMN extra_roles;
      DROP INDEX audit_at_idx;
      DROP INDEX audit_actor_idx;
      ALTER TABLE audit_entry DROP COLUMN origin;
    `);
  }
}
