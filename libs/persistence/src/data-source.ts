import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { PGliteDriver } from 'typeorm-pglite';
import { DatabaseConfig } from './database-config';
import { lockDataDir } from './backup/data-dir-lock';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { PreparedPGlitePool } from './driver/pglite-pool';
import { schemaRepository } from './schema.repository';

export function createDataSource(config: DatabaseConfig): DataSource {
  const common = {
    type: 'postgres' as const,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: false,
  };
  if (config.kind === 'postgres') {
    const options: DataSourceOptions = {
      ...common,
      url: config.url,
      schema: config.schema,
      extra: {
        max: 10,
        ...(config.schema ? { options: `-c search_path=${config.schema}` } : {}),
      },
    };
    return new DataSource(options);
  }
  const pgDir = path.join(config.dataDir, 'pg');
  fs.mkdirSync(pgDir, { recursive: true });
  // The driver object sets the PGlite instance's options; its statements go through the pool that
  // keeps them prepared.
  new PGliteDriver({ dataDir: pgDir });
  return new DataSource({
    ...common,
    driver: { Pool: PreparedPGlitePool },
  } as DataSourceOptions);
}

/** Creates the schema if asked for, then applies pending migrations. */
export async function initializeDatabase(config: DatabaseConfig, purpose = 'API'): Promise<DataSource> {
  if (config.kind === 'postgres' && config.schema) {
    const bootstrap = new DataSource({ type: 'postgres', url: config.url });
    await bootstrap.initialize();
    await schemaRepository.ensureSchema(bootstrap, config.schema);
    await bootstrap.destroy();
  }
  // PGlite takes no lock of its own: a second process on the same files would corrupt them.
  const release = config.kind === 'pglite' ? lockDataDir(config.dataDir, purpose) : () => undefined;
  try {
    const dataSource = createDataSource(config);
    const destroy = dataSource.destroy.bind(dataSource);
    dataSource.destroy = () => destroy().finally(release);
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    return dataSource;
  } catch (err) {
    release();
    throw err;
  }
}
