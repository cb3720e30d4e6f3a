import { MigrationInterface, QueryRunner } from 'typeorm';

/** The path each process instance took (activities ended, flows taken), for the case diagram. */
export class ActivityLog1764200000000 implements MigrationInterface {
  name = 'ActivityLog1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE activity_log (
        instance_id uuid NOT NULL REFERENCES process_instance(id),
        seq int NOT NULL,
        element_id text NOT NULL,
        element_type text NOT NULL,
        event text NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (instance_id, seq)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE activity_log;`);
  }
}
