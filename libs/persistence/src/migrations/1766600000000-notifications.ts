import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (issue 18): the outbox written in the step's transaction and the message centre
 * the portal and the workbench read.
 */
export class Notifications1766600000000 implements MigrationInterface {
  name = 'Notifications1766600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_outbox (
        id uuid PRIMARY KEY,
        case_id uuid REFERENCES assistance_case(id),
        event text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('portal', 'staff', 'email', 'sms')),
        recipient jsonb NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        dedupe_key text NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('pending', 'queued', 'sent', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_error text,
        created_at timestamptz NOT NULL,
        sent_at timestamptz
      );
      CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at) WHERE status = 'pending';
      CREATE INDEX notification_outbox_case ON notification_outbox (case_id);
      CREATE TABLE notification_message (
        id uuid PRIMARY KEY,
        outbox_id uuid NOT NULL UNIQUE REFERENCES notification_outbox(id),
        case_id uuid REFERENCES assistance_case(id),
        audience text NOT NULL CHECK (audience IN ('applicant', 'staff')),
        role text,
        region_code varchar(12),
        subject text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL,
        read_at timestamptz
      );
      CREATE INDEX notification_message_case ON notification_message (case_id, created_at);
      CREATE TABLE app_clock (
        id int PRIMARY KEY CHECK (id = 1),
        offset_ms bigint NOT NULL
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE app_clock; DROP TABLE notification_message; DROP TABLE notification_outbox;`);
  }
}
