import { EntityManager } from 'typeorm';
import { AppError } from '@app/common';

/** Tables of data versioned per region code (policy parameters, duty rules). */
type VersionedTable = 'policy_parameters' | 'duty_rules';

/**
 * The next version number for a region's row in `table`, with publications for that region
 * serialized until the transaction ends; refuses a region code that does not exist.
 */
export async function nextRegionVersion(
  em: EntityManager,
  table: VersionedTable,
  regionCode: string,
): Promise<number> {
  await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${table}:${regionCode}`]);
  const region = await em.query(`SELECT 1 FROM region WHERE code = $1`, [regionCode]);
  if (!region.length) {
    throw AppError.validation('行政区划不存在', [
      { field: 'regionCode', message: `行政区划 ${regionCode} 不存在` },
    ]);
  }
  const [{ max }] = await em.query(`SELECT max(version) AS max FROM ${table} WHERE region_code = $1`, [
    regionCode,
  ]);
  return (max ?? 0) + 1;
}

/** 'YYYY-MM-DD' that is a real date. */
export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
}
