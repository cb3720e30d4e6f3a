import { DataSource, EntityManager } from 'typeorm';
import { DatabaseSummary, summarize } from './backup/source-db';

/** SQL about the database as a whole rather than any one table. */
export const schemaRepository = {
  /** For a PostgreSQL database shared by several installations (or test runs), each in its own schema. */
  async ensureSchema(dataSource: DataSource, schema: string): Promise<void> {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '""')}"`);
  },

  /** The counts and chain heads a backup records, of the database as it stands. */
  summary(em: EntityManager): Promise<DatabaseSummary> {
    return summarize((sql) => em.query(sql));
  },
};
