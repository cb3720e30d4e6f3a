import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';

export interface SamplingDrawRow {
  id: string;
  countyCode: string;
  program: string;
  year: number;
  seed: string;
  ratio: number;
  createdAt: Date;
}

export interface SamplingSelectionRow {
  id: string;
  drawId: string;
  caseId: string;
  sequence: number;
  ratio: number;
  selected: boolean;
  createdAt: Date;
}

const DRAW_COLUMNS = `id, county_code AS "countyCode", program, year, seed, ratio, created_at AS "createdAt"`;
const SELECTION_COLUMNS = `id, draw_id AS "drawId", case_id AS "caseId", sequence, ratio, selected, created_at AS "createdAt"`;

/** The only code that reads and writes `sampling_draw` and `sampling_selection` (both append-only). */
export const samplingRepository = {
  /**
   * The draw of a county, program and year, created with `seed` if there is none yet, and locked
   * until the transaction ends so that arrival numbers are handed out one at a time.
   */
  async lockDraw(
    em: EntityManager,
    key: { countyCode: string; program: string; year: number },
    create: { seed: string; ratio: number; at: Date },
  ): Promise<SamplingDrawRow> {
    await em.query(
      `INSERT INTO sampling_draw (id, county_code, program, year, seed, ratio, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (county_code, program, year) DO NOTHING`,
      [randomUUID(), key.countyCode, key.program, key.year, create.seed, create.ratio, create.at],
    );
    const [row] = await em.query(
      `SELECT ${DRAW_COLUMNS} FROM sampling_draw
       WHERE county_code = $1 AND program = $2 AND year = $3 FOR UPDATE`,
      [key.countyCode, key.program, key.year],
    );
    return row as SamplingDrawRow;
  },

  async draw(em: EntityManager, id: string): Promise<SamplingDrawRow | null> {
    const [row] = await em.query(`SELECT ${DRAW_COLUMNS} FROM sampling_draw WHERE id = $1`, [id]);
    return (row as SamplingDrawRow) ?? null;
  },

  async selectionOf(em: EntityManager, drawId: string, caseId: string): Promise<SamplingSelectionRow | null> {
    const [row] = await em.query(
      `SELECT ${SELECTION_COLUMNS} FROM sampling_selection WHERE draw_id = $1 AND case_id = $2`,
      [drawId, caseId],
    );
    return (row as SamplingSelectionRow) ?? null;
  },

  async selectionsOfCase(em: EntityManager, caseId: string): Promise<SamplingSelectionRow[]> {
    return em.query(
      `SELECT ${SELECTION_COLUMNS} FROM sampling_selection WHERE case_id = $1 ORDER BY created_at`,
      [caseId],
    );
  },

  async nextSequence(em: EntityManager, drawId: string): Promise<number> {
    const [row] = await em.query(
      `SELECT COALESCE(MAX(sequence), 0) + 1 AS next FROM sampling_selection WHERE draw_id = $1`,
      [drawId],
    );
    return Number(row.next);
  },

  async insertSelection(em: EntityManager, row: SamplingSelectionRow): Promise<void> {
    await em.query(
      `INSERT INTO sampling_selection (id, draw_id, case_id, sequence, ratio, selected, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [row.id, row.drawId, row.caseId, row.sequence, row.ratio, row.selected, row.createdAt],
    );
  },
};
