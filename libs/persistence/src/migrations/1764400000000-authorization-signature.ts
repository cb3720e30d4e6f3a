import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuthorizationSignature1764400000000 implements MigrationInterface {
  name = 'AuthorizationSignature1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE authorization_signature (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL UNIQUE REFERENCES assistance_case(id),
        signer_name text NOT NULL,
        signer_id_number varchar(18) NOT NULL,
        signed_by uuid NOT NULL,
        signed_at timestamptz NOT NULL,
        template_id text NOT NULL,
        template_version int NOT NULL,
        template_hash char(64) NOT NULL,
        text_hash char(64) NOT NULL,
        text text NOT NULL,
        user_agent text,
        ip text
      );
      CREATE TRIGGER authorization_signature_append_only BEFORE UPDATE OR DELETE ON authorization_signature
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE authorization_signature;`);
  }
}
