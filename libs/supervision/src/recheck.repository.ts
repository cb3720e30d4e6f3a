import { EntityManager } from 'typeorm';

export interface RecheckProcedure {
  caseId: string;
  caseNo: string;
  procedureCaseId: string;
  procedureCaseNo: string;
}

export interface RecheckDrawInsert {
  id: string;
  regionCode: string;
  program: string;
  ratio: number;
  seed: string;
  population: string[];
  selected: string[];
  procedures: RecheckProcedure[];
  drawnBy: string;
  drawnAt: Date;
}

/** A recorded draw with the name of who drew it; `ratio` is numeric, so it comes back as text. */
export interface RecheckDrawRow extends Omit<RecheckDrawInsert, 'ratio'> {
  ratio: string;
  drawnByName: string;
}

/** The only code that reads or writes the record of random re-check draws (随机抽查). */
export const recheckRepository = {
  /** Held until commit: draws of one region and program happen one at a time. */
  async lockDraws(em: EntityManager, regionCode: string, program: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`recheck:${regionCode}:${program}`]);
  },
  async insert(em: EntityManager, row: RecheckDrawInsert): Promise<void> {
    await em.query(
      `INSERT INTO recheck_draw (id, region_code, program, ratio, seed, population, selected, procedures, drawn_by, drawn_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9, $10)`,
      [
        row.id,
        row.regionCode,
        row.program,
        row.ratio,
        row.seed,
        JSON.stringify(row.population),
        JSON.stringify(row.selected),
        JSON.stringify(row.procedures),
        row.drawnBy,
        row.drawnAt,
      ],
    );
  },
  /** Draws of a region, newest first. */
  within(em: EntityManager, regionPrefix: string): Promise<RecheckDrawRow[]> {
    return em.query(
      `SELECT d.id, d.region_code AS "regionCode", d.program, d.ratio, d.seed, d.population, d.selected,
              d.procedures, d.drawn_by AS "drawnBy", u.display_name AS "drawnByName", d.drawn_at AS "drawnAt"
       FROM recheck_draw d JOIN app_user u ON u.id = d.drawn_by
       WHERE d.region_code LIKE $1
       ORDER BY d.drawn_at DESC, d.id`,
      [`${regionPrefix}%`],
    );
  },
};
