import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Database } from './database';
import { DatabaseConfig, databaseConfigFromEnv } from './database-config';
import { initializeDatabase } from './data-source';
import { bindDataDir } from './data-dir-binding';

export const DATABASE_CONFIG = Symbol('DATABASE_CONFIG');

@Injectable()
class DatabaseShutdown implements OnApplicationShutdown {
  constructor(@Inject(Database) private readonly db: Database) {}
  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}

@Global()
@Module({
  providers: [
    { provide: DATABASE_CONFIG, useFactory: () => databaseConfigFromEnv() },
    {
      provide: Database,
      inject: [DATABASE_CONFIG],
      useFactory: async (config: DatabaseConfig) => {
        const dataSource = await initializeDatabase(config);
        // Before anything reads or writes DATA_DIR (the archive, the seals): it must be this database's.
        try {
          await bindDataDir(dataSource, config);
        } catch (err) {
          await dataSource.destroy();
          throw err;
        }
        return new Database(dataSource, config.kind);
      },
    },
    DatabaseShutdown,
  ],
  exports: [Database, DATABASE_CONFIG],
})
export class PersistenceModule {}
