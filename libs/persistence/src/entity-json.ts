import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Entities read as JSON inside a larger statement: a page that needs a case with its tasks,
 * documents and timeline reads them in one round trip (json_agg of `entityJson`) instead of one
 * statement each, and `entityFromJson` gives back the entity TypeORM's own read would have.
 */

const TEXT_TYPES = new Set(['bigint', 'int8', 'numeric', 'decimal']);
const TIME_TYPES = new Set([
  'timestamptz',
  'timestamp',
  'timestamp with time zone',
  'timestamp without time zone',
]);

const typeOf = (c: ColumnMetadata) => (typeof c.type === 'string' ? c.type : '');

/**
 * SQL: a JSON object of the row `alias` of the entity's table, keyed by column name. Numbers the
 * driver gives as text (bigint, numeric) go as text, so that "87.50" does not come back as 87.5.
 */
export function entityJson(em: EntityManager, entity: EntityTarget<ObjectLiteral>, alias: string): string {
  const metadata = em.connection.getMetadata(entity);
  return sqlOnce(jsonSql, metadata, alias, () => buildEntityJson(metadata.columns, alias));
}

/** SQL of an entity's columns, built once per entity and alias: pages and steps read with it on every call. */
export function sqlOnce(
  cache: WeakMap<object, Map<string, string>>,
  metadata: object,
  alias: string,
  build: () => string,
): string {
  let built = cache.get(metadata);
  if (!built) cache.set(metadata, (built = new Map()));
  let sql = built.get(alias);
  if (sql === undefined) built.set(alias, (sql = build()));
  return sql;
}

const jsonSql = new WeakMap<object, Map<string, string>>();

function buildEntityJson(columns: ColumnMetadata[], alias: string): string {
  const pairs = columns.map(
    (c) => `'${c.databaseName}', ${alias}.${c.databaseName}${TEXT_TYPES.has(typeOf(c)) ? '::text' : ''}`,
  );
  // json_build_object takes at most 100 arguments: a wide entity is built in parts and joined.
  const parts: string[] = [];
  for (let i = 0; i < pairs.length; i += 40)
    parts.push(`jsonb_build_object(${pairs.slice(i, i + 40).join(', ')})`);
  return parts.join(' || ');
}

/** The entity from an object `entityJson` built: each column as TypeORM's read would give it. */
export function entityFromJson<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  json: Record<string, unknown>,
): T {
  const metadata = em.connection.getMetadata(entity);
  // node-postgres gives a bigint as text, PGlite (a driver passed in the options) as a number.
  const bigintAsNumber = (em.connection.options as { driver?: unknown }).driver !== undefined;
  const out = metadata.create() as T;
  for (const c of metadata.columns) {
    const raw = json[c.databaseName];
    const type = typeOf(c);
    const value =
      raw == null
        ? null
        : TIME_TYPES.has(type)
          ? new Date(raw as string)
          : bigintAsNumber && (type === 'bigint' || type === 'int8')
            ? Number(raw)
            : raw;
    c.setEntityValue(out, c.transformer ? em.connection.driver.prepareHydratedValue(value, c) : value);
  }
  return out;
}
