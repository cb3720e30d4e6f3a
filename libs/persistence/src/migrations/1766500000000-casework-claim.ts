import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18: a task is claimed by one clerk (`assignee`), a half-filled form is kept per user and
 * task (`task_draft`), and a clerk away from the office hands their tasks to a colleague for a
 * period (`task_delegation`).
 */
export class CaseworkClaim1766500000000 implements MigrationInterface {
  name = 'CaseworkClaim1766500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE task ADD COLUMN assignee uuid REFERENCES app_user(id);
      ALTER TABLE task ADD COLUMN assigned_at timestamptz;
      CREATE INDEX task_open_assignee ON task (assignee) WHERE status = 'open' AND assignee IS NOT NULL;
      CREATE TABLE task_draft (
        task_id uuid NOT NULL REFERENCES task(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id),
        data jsonb NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (task_id, user_id)
      );
      CREATE TABLE task_delegation (
        id uuid PRIMARY KEY,
        delegator_id uuid NOT NULL REFERENCES app_user(id),
        delegate_id uuid NOT NULL REFERENCES app_user(id),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        reason text NOT NULL,
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL,
        revoked_at timestamptz,
        CONSTRAINT task_delegation_period CHECK (ends_on >= starts_on),
        CONSTRAINT task_delegation_other CHECK (delegate_id <> delegator_id)
      );
      CREATE INDEX task_delegation_delegate ON task_delegation (delegate_id, starts_on, ends_on);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE task_delegation;
      DROP TABLE task_draft;
      DROP INDEX task_open_assignee;
      ALTER TABLE task DROP COLUMN assigned_at;
      ALTER TABLE task DROP COLUMN assignee;
    `);
  }
}
