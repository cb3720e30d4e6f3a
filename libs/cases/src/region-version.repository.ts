import { EntityManager } from 'typeorm';

/** Tables of data versioned per region code (policy parameters, duty rules). */
export type VersionedTable = 'policy_parameters' | 'duty_rules';

/** The SQL behind numbering a region's versions of policy parameters and duty rules. */
export const regionVersionRepository = {
  /** Serializes publications for this table and region until the transaction ends. */
  async lock(em: EntityManager, table: VersionedTable, regionCode: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${table}:${regionCode}`]);
  },
  async regionExists(em: EntityManager, regionCode: string): Promise<boolean> {
    const region: unknown[] = await em.query(`SELECT 1 FROM region WHERE code = $1`, [regionCode]);
    return region.length > 0;
  },
  /** The region's highest version in `table` (a fixed table name, never user input), null when none. */
  async maxVersion(em: EntityManager, table: VersionedTable, regionCode: string): Promise<number | null> {
    const [{ max }]: { max: number | null }[] = await em.query(
      `SELECT max(version) AS max FROM ${table} WHERE region_code = $1`,
      [regionCode],
    );
    return max;
  },
};
