import * as path from 'node:path';

/** Where the data lives: embedded PGlite in DATA_DIR by default, PostgreSQL when DATABASE_URL is set. */
export interface DatabaseConfig {
  kind: 'pglite' | 'postgres';
  dataDir: string;
  url?: string;
  /** PostgreSQL schema to use; lets parallel test files share one database without seeing each other. */
  schema?: string;
}

export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const dataDir = path.resolve(env.DATA_DIR || './data');
  if (env.DATABASE_URL) {
    if (!/^postgres(ql)?:\/\//.test(env.DATABASE_URL)) {
      throw new Error(`配置错误：DATABASE_URL 必须以 postgres:// 开头，当前为“${env.DATABASE_URL}”`);
    }
    return { kind: 'postgres', dataDir, url: env.DATABASE_URL, schema: env.DATABASE_SCHEMA || undefined };
  }
  return { kind: 'pglite', dataDir };
}
