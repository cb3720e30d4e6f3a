import * as path from 'node:path';
import { BackupRefusedError, DatabaseConfig, databaseConfigFromEnv } from '@app/persistence';

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

export interface BackupCommand {
  file: string;
  config: DatabaseConfig;
  force: boolean;
  progress: (line: string) => void;
}

/**
 * Runs a backup-file command (backup, restore): usage and --help, exactly one file argument, the
 * database configuration, progress on stderr; exit 0/1 as `body` returns, 2 when refused or failed.
 */
export function runBackupCommand(
  usage: string,
  failed: string,
  body: (c: BackupCommand) => Promise<number>,
): void {
  const run = async (): Promise<number> => {
    const args = parseArgs(process.argv.slice(2));
    if (args.help) {
      console.log(usage);
      return 0;
    }
    if (args.positional.length !== 1) throw new UsageError(`请给出一个备份文件名。\n${usage}`);
    return body({
      file: args.positional[0],
      config: configFor(args),
      force: args.force,
      progress: progressPrinter(),
    });
  };
  run().then(
    (code) => process.exit(code),
    (err) => {
      const known = err instanceof BackupRefusedError || err instanceof UsageError;
      console.error(`${failed}：${err instanceof Error ? err.message : String(err)}`);
      if (!known && err instanceof Error && err.stack) console.error(err.stack);
      process.exit(2);
    },
  );
}
