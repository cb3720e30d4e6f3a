import * as path from 'node:path';
import { DatabaseConfig, databaseConfigFromEnv } from '@app/persistence';

export interface CliArgs {
  positional: string[];
  dataDir?: string;
  force: boolean;
  help: boolean;
}

export function parseArgs(argv: string[]): CliArgs {
  const out: CliArgs = { positional: [], force: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--force') out.force = true;
    else if (a === '-h' || a === '--help') out.help = true;
    else if (a === '--data-dir') out.dataDir = argv[++i];
    else if (a.startsWith('--data-dir=')) out.dataDir = a.slice('--data-dir='.length);
    else if (a.startsWith('-')) throw new UsageError(`未知选项：${a}`);
    else out.positional.push(a);
  }
  if (out.dataDir === undefined && argv.includes('--data-dir'))
    throw new UsageError('--data-dir 需要一个目录');
  return out;
}

export class UsageError extends Error {}

/** DATA_DIR / DATABASE_URL / DATABASE_SCHEMA as the API reads them, with --data-dir taking precedence. */
export function configFor(args: CliArgs): DatabaseConfig {
  return databaseConfigFromEnv({
    ...process.env,
    ...(args.dataDir ? { DATA_DIR: path.resolve(args.dataDir) } : {}),
  });
}

/** Progress lines with the seconds since start, on stderr so stdout stays the result. */
export function progressPrinter(): (line: string) => void {
  const started = Date.now();
  return (line) =>
    process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} 秒] ${line}\n`);
}
