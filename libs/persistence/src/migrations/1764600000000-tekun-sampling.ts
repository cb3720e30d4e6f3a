import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 县级随机抽查 (《特困人员认定办法》第十六条): one recorded seed per county, program and year, and
 * the arrival number and result of every case drawn with it. Both tables are evidence and
 * append-only, so anyone can recompute a selection from the recorded seed (libs/assistance
 * sampling.ts `selectInBlocks(seed, sequence, ratio)`).
 */
export class TekunSampling1764600000000 implements MigrationInterface {
  name = 'TekunSampling1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sampling_draw (
        id uuid PRIMARY KEY,
        county_code text NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
        program text NOT NULL,
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2999),
        seed text NOT NULL CHECK (length(seed) >= 16),
        ratio double precision NOT NULL CHECK (ratio > 0 AND ratio <= 1),
        created_at timestamptz NOT NULL,
        UNIQUE (county_code, program, year)
      );
      CREATE TABLE sampling_selection (
        id uuid PRIMARY KEY,
        draw_id uuid NOT NULL REFERENCES sampling_draw(id),
        case_id uuid NOT NULL REFERENCES assistance_case(id),
        sequence int NOT NULL CHECK (sequence > 0),
        ratio double precision NOT NULL CHECK (ratio > 0 AND ratio <= 1),
        selected boolean NOT NULL,
        created_at timestamptz NOT NULL,
        UNIQUE (draw_id, sequence),
        UNIQUE (draw_id, case_id)
      );
      CREATE INDEX sampling_selection_case_idx ON sampling_selection (case_id);
      CREATE TRIGGER sampling_draw_append_only BEFORE UPDATE OR DELETE ON sampling_draw
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER sampling_selection_append_only BEFORE UPDATE OR DELETE ON sampling_selection
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE sampling_selection;
      DROP TABLE sampling_draw;
    `);
  }
}
