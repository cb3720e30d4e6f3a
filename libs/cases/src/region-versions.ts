import { EntityManager } from 'typeorm';
import { AppError, isCalendarDate } from '@app/common';
import { VersionedTable, regionVersionRepository as versions } from './region-version.repository';

/**
 * The next version number for a region's row in `table`, with publications for that region
 * serialized until the transaction ends; refuses a region code that does not exist.
 */
export async function nextRegionVersion(
  em: EntityManager,
  table: VersionedTable,
  regionCode: string,
): Promise<number> {
  await versions.lock(em, table, regionCode);
  if (!(await versions.regionExists(em, regionCode))) {
    throw AppError.validation('行政区划不存在', [
      { field: 'regionCode', message: `行政区划 ${regionCode} 不存在` },
    ]);
  }
  const max = await versions.maxVersion(em, table, regionCode);
  return (max ?? 0) + 1;
}

/** Kept for the duty rules' check: the shared date rule of @app/common. */
export const isIsoDate: (value: unknown) => value is string = isCalendarDate;
