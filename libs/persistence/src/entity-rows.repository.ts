import { EntityManager, EntityNotFoundError, EntityTarget, ObjectLiteral } from 'typeorm';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
import { sqlOnce } from './entity-json';

/**
 * Whole entity rows read with plain SQL, hydrated as TypeORM's own read hydrates them (the same
 * driver values through the driver's `prepareHydratedValue`, column by column). A user step reads
 * its case, task, assessment, regions and signatures several times; through `findOne` each read
 * built a query (aliases, property-name rewriting, escaping) and transformed the result anew, about
 * a tenth of the step's main-thread CPU. The select list is built once per entity and alias.
 */
export async function entityRows<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  alias: string,
  /** What follows `FROM table alias`: WHERE, ORDER BY, LIMIT, FOR UPDATE. */
  tail: string,
  params: unknown[],
): Promise<T[]> {
  const metadata = em.connection.getMetadata(entity);
  const rows: Record<string, unknown>[] = await em.query(
    `SELECT ${selectList(metadata, alias)} FROM ${metadata.tableName} ${alias} ${tail}`,
    params,
  );
  return rows.map((row) => hydrate<T>(em, metadata, row));
}

/** The first row, or null. */
export async function entityRow<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  alias: string,
  tail: string,
  params: unknown[],
): Promise<T | null> {
  const [row] = await entityRows(em, entity, alias, tail, params);
  return row ?? null;
}

/** The first row; none is the error `findOneOrFail` gives. */
export async function entityRowOrFail<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  alias: string,
  tail: string,
  params: unknown[],
  criteria: unknown,
): Promise<T> {
  const row = await entityRow(em, entity, alias, tail, params);
  if (!row) throw new EntityNotFoundError(entity, criteria);
  return row;
}

const selects = new WeakMap<object, Map<string, string>>();

function selectList(metadata: EntityMetadata, alias: string): string {
  return sqlOnce(selects, metadata, alias, () =>
    metadata.columns
      .filter((c) => !c.isVirtual)
      .map((c) => `${alias}."${c.databaseName}" AS "${c.databaseName}"`)
      .join(', '),
  );
}

function hydrate<T extends ObjectLiteral>(
  em: EntityManager,
  metadata: EntityMetadata,
  row: Record<string, unknown>,
): T {
  const driver = em.connection.driver;
  const out = metadata.create(undefined, { fromDeserializer: true }) as T;
  for (const column of metadata.columns) {
    const value = row[column.databaseName];
    if (value === undefined || column.isVirtual) continue;
    column.setEntityValue(out, driver.prepareHydratedValue(value, column));
  }
  return out;
}
