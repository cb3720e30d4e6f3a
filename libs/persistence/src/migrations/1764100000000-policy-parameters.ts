import { MigrationInterface, QueryRunner } from 'typeorm';

export class PolicyParameters1764100000000 implements MigrationInterface {
  name = 'PolicyParameters1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE policy_parameters (
        id uuid PRIMARY KEY,
        region_code varchar(12) NOT NULL REFERENCES region(code),
        effective_from date NOT NULL,
        version int NOT NULL,
        parameters jsonb NOT NULL,
        note text,
        created_by uuid,
        created_at timestamptz NOT NULL,
        UNIQUE (region_code, version)
      );
      CREATE INDEX policy_parameters_lookup_idx ON policy_parameters (region_code, effective_from);
      CREATE TRIGGER policy_parameters_append_only BEFORE UPDATE OR DELETE ON policy_parameters
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TABLE assessment (
        id uuid PRIMARY KEY,
        case_id uuid REFERENCES assistance_case(id),
        parameters_id uuid NOT NULL REFERENCES policy_parameters(id),
        assessment_date date NOT NULL,
        household jsonb NOT NULL,
        result jsonb NOT NULL,
        hardship_index numeric,
        created_by uuid,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX assessment_case_idx ON assessment (case_id, created_at);
      ALTER TABLE assistance_case ADD COLUMN economics jsonb;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE assistance_case DROP COLUMN economics;
      DROP TABLE assessment, policy_parameters;
    `);
  }
}
