import { EntityManager } from 'typeorm';

/** The regions this installation serves: the top of the region table. */
export const jurisdictionRepository = {
  async topRegions(em: EntityManager): Promise<string[]> {
    const rows: { code: string }[] = await em.query(
      `SELECT code FROM region WHERE parent_code IS NULL ORDER BY code`,
    );
    return rows.map((r) => r.code);
  },
};
