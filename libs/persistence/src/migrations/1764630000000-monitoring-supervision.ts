import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 主动发现 and 日常监管: the monitoring events other departments push (each raises or joins a
 * warning case), the random re-check draws (seed, population, selection) and the register of staff
 * near-relatives (近亲属备案). All three are records of what happened: append-only.
 */
export class MonitoringSupervision1764630000000 implements MigrationInterface {
  name = 'MonitoringSupervision1764630000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION monitoring_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
      END $$;

      CREATE TABLE monitoring_event (
        id uuid PRIMARY KEY,
        source text NOT NULL CHECK (length(source) BETWEEN 1 AND 100),
        source_event_id text NOT NULL CHECK (length(source_event_id) BETWEEN 1 AND 100),
        type text NOT NULL CHECK (type IN
          ('hospitalization','disability_certificate','breadwinner_death','unemployment','hotline_report')),
        occurred_on date NOT NULL,
        person_name text NOT NULL,
        person_id_number varchar(18) NOT NULL,
        person_address text,
        person_phone text,
        region_code varchar(12) NOT NULL REFERENCES region(code),
        details text NOT NULL,
        amount_fen int CHECK (amount_fen IS NULL OR amount_fen >= 0),
        risk_level text NOT NULL CHECK (risk_level IN ('high','medium','low')),
        matched_case_nos jsonb NOT NULL,
        warning_case_id uuid NOT NULL REFERENCES assistance_case(id),
        attached boolean NOT NULL,
        received_by uuid NOT NULL REFERENCES app_user(id),
        received_at timestamptz NOT NULL,
        UNIQUE (source, source_event_id)
      );
      CREATE INDEX monitoring_event_person_idx ON monitoring_event (person_id_number);
      CREATE INDEX monitoring_event_warning_idx ON monitoring_event (warning_case_id, received_at);
      CREATE TRIGGER monitoring_event_append_only BEFORE UPDATE OR DELETE ON monitoring_event
        FOR EACH ROW EXECUTE FUNCTION monitoring_append_only();

      CREATE TABLE recheck_draw (
        id uuid PRIMARY KEY,
        region_code varchar(12) NOT NULL REFERENCES region(code),
        program text NOT NULL,
        ratio numeric(4,3) NOT NULL CHECK (ratio > 0 AND ratio <= 1),
        seed text NOT NULL,
        population jsonb NOT NULL,
        selected jsonb NOT NULL,
        procedures jsonb NOT NULL,
        drawn_by uuid NOT NULL REFERENCES app_user(id),
        drawn_at timestamptz NOT NULL
      );
      CREATE INDEX recheck_draw_region_idx ON recheck_draw (region_code, drawn_at);
      CREATE TRIGGER recheck_draw_append_only BEFORE UPDATE OR DELETE ON recheck_draw
        FOR EACH ROW EXECUTE FUNCTION monitoring_append_only();

      CREATE TABLE staff_near_relative (
        id uuid PRIMARY KEY,
        staff_user_id uuid NOT NULL REFERENCES app_user(id),
        relative_name text NOT NULL,
        relative_id_number varchar(18) NOT NULL,
        relation text NOT NULL CHECK (relation IN
          ('配偶','父母','子女','兄弟姐妹','祖父母','外祖父母','孙子女','外孙子女')),
        note text,
        registered_by uuid NOT NULL REFERENCES app_user(id),
        registered_at timestamptz NOT NULL,
        UNIQUE (staff_user_id, relative_id_number)
      );
      CREATE INDEX staff_near_relative_id_idx ON staff_near_relative (relative_id_number);
      CREATE TRIGGER staff_near_relative_append_only BEFORE UPDATE OR DELETE ON staff_near_relative
        FOR EACH ROW EXECUTE FUNCTION monitoring_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE staff_near_relative;
      DROP TABLE recheck_draw;
      DROP TABLE monitoring_event;
      DROP FUNCTION monitoring_append_only();
    `);
  }
}
