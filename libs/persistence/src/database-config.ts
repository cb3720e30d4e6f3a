import * as path from 'node:path';

/** Where the data lives: embedded PGlite in DATA_DIR by default, PostgreSQL when DATABASE_URL is set. */
export interface DatabaseConfig {
  kind: 'pglite' | 'postgres';
  dataDir: string;
  url?: string;
  /** PostgreSQL schema to use; lets parallel test files share one database without seeing each other. */
  schema?: string;
}

/** Why a DATABASE_URL cannot be used, or null. */
export function databaseUrlProblem(url: string): string | null {
  return /^postgres(ql)?:\/\//.test(url) ? null : `DATABASE_URL：应以 postgres:// 开头，当前为“${url}”`;
}

/**
 * Where the running API writes the backups an administrator asks for: BACKUP_DIR, or a
 * `<DATA_DIR>-backups` directory beside the data (never inside it, or each backup would hold the
 * ones before it).
 */
export function backupDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const dataDir = path.resolve(env.DATA_DIR || './data');
  return env.BACKUP_DIR ? path.resolve(env.BACKUP_DIR) : `${dataDir}-backups`;
}

export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const dataDir = path.resolve(env.DATA_DIR || './data');
  if (env.DATABASE_URL) {
    const problem = databaseUrlProblem(env.DATABASE_URL);
    if (problem) throw new Error(`配置错误：${problem}`);
    return { kind: 'postgres', dataDir, url: env.DATABASE_URL, schema: env.DATABASE_SCHEMA || undefined };
  }
  return { kind: 'pglite', dataDir };
}
