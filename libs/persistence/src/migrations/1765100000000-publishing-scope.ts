import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Trust, second pass (issue 14): what a publication applies to is on its row (the region whose
 * cases it governs), and a duty-rule change that relaxes separation waits for a second
 * administrator (four eyes). Proposals and their decisions are evidence: append-only.
 */
export class PublishingScope1765100000000 implements MigrationInterface {
  name = 'PublishingScope1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE template_release ADD COLUMN scope_region varchar(12);
      ALTER TABLE process_definition ADD COLUMN scope_region varchar(12);
      ALTER TABLE process_definition ADD COLUMN deployed_by uuid;
      ALTER TABLE duty_rules ADD COLUMN approved_by uuid;

      CREATE TABLE duty_rules_proposal (
        id uuid PRIMARY KEY,
        region_code varchar(12) NOT NULL,
        effective_from date NOT NULL,
        rules jsonb NOT NULL,
        relaxes text[] NOT NULL,
        note text,
        proposed_by uuid NOT NULL,
        proposed_at timestamptz NOT NULL
      );
      CREATE TRIGGER duty_rules_proposal_append_only BEFORE UPDATE OR DELETE ON duty_rules_proposal
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TABLE duty_rules_decision (
        proposal_id uuid PRIMARY KEY REFERENCES duty_rules_proposal (id),
        approved boolean NOT NULL,
        duty_rules_id uuid,
        decided_by uuid NOT NULL,
        decided_at timestamptz NOT NULL,
        reason text
      );
      CREATE TRIGGER duty_rules_decision_append_only BEFORE UPDATE OR DELETE ON duty_rules_decision
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE duty_rules_decision;
      DROP TABLE duty_rules_proposal;
      ALTER TABLE duty_rules DROP COLUMN approved_by;
      ALTER TABLE process_definition DROP COLUMN deployed_by;
      ALTER TABLE process_definition DROP COLUMN scope_region;
      ALTER TABLE template_release DROP COLUMN scope_region;
    `);
  }
}
