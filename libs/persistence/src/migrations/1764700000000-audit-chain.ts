import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 执法全过程记录 as a hash chain. Entries are sealed into `audit_chain` after they commit, in the
 * order they are sealed: each link names its audit entry, the previous link's hash and the hash
 * of the entry's content. Sealing apart from the writing transaction keeps a global lock out of
 * every step (a lock taken mid-transaction would deadlock against the counter and row locks).
 */
export class AuditChain1764700000000 implements MigrationInterface {
  name = 'AuditChain1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_chain (
        seq bigserial PRIMARY KEY,
        audit_id bigint NOT NULL UNIQUE REFERENCES audit_entry(id),
        prev_hash char(64) NOT NULL UNIQUE,
        entry_hash char(64) NOT NULL,
        sealed_at timestamptz NOT NULL
      );
      CREATE TRIGGER audit_chain_append_only BEFORE UPDATE OR DELETE ON audit_chain
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_chain;`);
  }
}
