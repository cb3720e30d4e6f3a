import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deployment's identity, written once, which DATA_DIR's `deployment.json` must name: a process
 * started with a DATA_DIR of another deployment (or a fresh one beside a database with archived
 * documents) is refused at start (outside tester #1).
 */
export class Deployment1768740000001 implements MigrationInterface {
  name = 'Deployment1768740000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE app_deployment (
      id int PRIMARY KEY CHECK (id = 1),
      deployment_id uuid NOT NULL,
      created_at timestamptz NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE app_deployment`);
  }
}
