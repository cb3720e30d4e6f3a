import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The actor of an audit entry as they were at the time (issue 14): their display name, role and
 * region are stored on the entry, so renaming or moving an account later does not rewrite what
 * the record says about who acted, and the audit search can be scoped by region.
 *
 * Entries written from now on seal these fields into their chain hash (`actor_sealed`). Entries
 * already on the record were sealed without them: they are filled here from the accounts as they
 * are today (the best that is known) and keep `actor_sealed = false`, so their sealed hashes still
 * verify. The table refuses UPDATE by trigger; the backfill lifts it inside this one transaction
 * (ALTER TABLE holds an exclusive lock until commit, so no other session ever sees it lifted).
 */
export class AuditActor1765010000000 implements MigrationInterface {
  name = 'AuditActor1765010000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE audit_entry ADD COLUMN actor_name text;
      ALTER TABLE audit_entry ADD COLUMN actor_role text;
      ALTER TABLE audit_entry ADD COLUMN actor_region varchar(12);
      ALTER TABLE audit_entry ADD COLUMN actor_sealed boolean NOT NULL DEFAULT false;
      ALTER TABLE audit_entry ALTER COLUMN actor_sealed SET DEFAULT true;
      ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only;
      UPDATE audit_entry a SET actor_name = u.display_name, actor_role = u.role, actor_region = u.region_code
        FROM app_user u WHERE u.id = a.actor_id;
      ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only;
      CREATE INDEX audit_actor_region_idx ON audit_entry (actor_region);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX audit_actor_region_idx;
      ALTER TABLE audit_entry DROP COLUMN actor_sealed;
      ALTER TABLE audit_entry DROP COLUMN actor_region;
      ALTER TABLE audit_entry DROP COLUMN actor_role;
      ALTER TABLE audit_entry DROP COLUMN actor_name;
    `);
  }
}
