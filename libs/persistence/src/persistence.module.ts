import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Database } from './database';
import { DatabaseConfig, databaseConfigFromEnv } from './database-config';
import { initializeDatabase } from './data-source';

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
      useFactory: async (config: DatabaseConfig) =>
        new Database(await initializeDatabase(config), config.kind),
    },
    DatabaseShutdown,
  ],
  exports: [Database, DATABASE_CONFIG],
})
export class PersistenceModule {}
