import { EntityManager } from 'typeorm';

/** The region codes a workbook names, checked against the region table. */
export const regionRepository = {
  /** Those of `codes` that exist. */
  async existing(em: EntityManager, codes: string[]): Promise<string[]> {
    const rows: { code: string }[] = await em.query(`SELECT code FROM region WHERE code = ANY($1::text[])`, [
      codes,
    ]);
    return rows.map((r) => r.code);
  },
};
