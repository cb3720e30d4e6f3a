import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { getPGliteInstance } from 'typeorm-pglite';
import type { Database } from '../database';
import { DatabaseConfig } from '../database-config';
import { DataDirLockedError, LOCK_FILE, lockDataDir } from './data-dir-lock';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupManifest,
  BackupPart,
  MANIFEST_HASH_NAME,
  MANIFEST_NAME,
  PartKind,
} from './manifest';
import { DatabaseSummary, summarize } from './source-db';
import { TarWriter } from './tar';

/** A backup or restore that was refused before it changed anything; exit code 2. */
export class BackupRefusedError extends Error {}

export type Progress = (line: string) => void;

/**
 * The running API's own PGlite: `work` runs while no other unit of work can (the API's queue), so
 * the dump is one consistent state without stopping the API.
 */
export type OpenPglite = <T>(work: (pg: PGlite) => Promise<T>) => Promise<T>;

/**
 * The running API's own embedded database, handed to the backup while no unit of work of the
 * process runs (its queue), so the dump sees one consistent state.
 */
export function embeddedDatabaseOf(db: Database): OpenPglite {
  return (work) => db.exclusive(async () => work(await getPGliteInstance()));
}

export interface BackupOptions {
  config: DatabaseConfig;
  file: string;
  progress?: Progress;
  /** Path of pg_dump, or null when it is not available (default: looked up on PATH). */
  pgDump?: string | null;
  /** PGlite only: back up through the running process's open database instead of opening the files. */
  openPglite?: OpenPglite;
}

export interface BackupResult {
  file: string;
  manifest: BackupManifest;
  bytes: number;
  ms: number;
  /** PostgreSQL without pg_dump: the command that backs the database up. */
  databaseCommand?: string;
}

export const PGLITE_PART = 'database/pglite.tar.gz';
export const POSTGRES_PART = 'database/postgres.dump';

export function findOnPath(command: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : null;
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function partKind(rel: string): PartKind {
  if (rel.startsWith('archive/')) return 'blob';
  if (rel.startsWith('keys/')) return 'seal';
  return 'file';
}

/** Files of DATA_DIR that belong in a backup: everything but the database files and the lock. */
export function dataFiles(dataDir: string, skip: string[] = []): string[] {
  const out: string[] = [];
  const skipped = new Set(skip.map((f) => path.resolve(f)));
  const walk = (dir: string) => {
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      const rel = path.relative(dataDir, full).split(path.sep).join('/');
      if (rel === 'pg' || rel === LOCK_FILE || skipped.has(full)) continue;
      if (entry.isDirectory()) walk(full);
      // Blob writes go through a temp file renamed into place; a stray temp file is a crash's leftover.
      else if (entry.isFile() && !entry.name.endsWith('.tmp')) out.push(rel);
    }
  };
  if (fs.existsSync(dataDir)) walk(dataDir);
  return out;
}

async function dumpPglite(config: DatabaseConfig, progress: Progress) {
  const pgDir = path.join(config.dataDir, 'pg');
  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
    throw new BackupRefusedError(`数据目录 ${config.dataDir} 中没有嵌入式数据库（${pgDir}），无可备份`);
  }
  progress('打开嵌入式数据库（PGlite）…');
  const pg = new PGlite(pgDir);
  try {
    await pg.waitReady;
    return await dumpOpenPglite(pg, progress);
  } finally {
    await pg.close();
  }
}

async function dumpOpenPglite(pg: PGlite, progress: Progress) {
  const summary = await summarize(async (sql) => (await pg.query<Record<string, unknown>>(sql)).rows);
  // Flush every committed page to the data files, so the copy needs no WAL replay to open.
  await pg.exec('CHECKPOINT');
  progress('导出数据库（dumpDataDir）…');
  const dump = Buffer.from(await (await pg.dumpDataDir('gzip')).arrayBuffer());
  return { summary, dump };
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export function pgDumpCommand(schema: string | undefined, file: string): string {
  return ['pg_dump', '--format=custom', '--no-owner', ...(schema ? [`--schema=${shellQuote(schema)}`] : [])]
    .concat([`--file=${shellQuote(file)}`, '--dbname="$DATABASE_URL"'])
    .join(' ');
}

/**
 * PostgreSQL: counts and pg_dump read one snapshot (exported from a REPEATABLE READ transaction that
 * stays open until pg_dump is done), so the manifest describes exactly the dump.
 */
async function dumpPostgres(
  config: DatabaseConfig,
  pgDump: string | null,
  tmpDir: string,
  progress: Progress,
) {
  const client = new Client({ connectionString: config.url });
  await client.connect();
  try {
    if (config.schema) await client.query(`SET search_path TO "${config.schema}"`);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const {
      rows: [{ snapshot }],
    } = await client.query(`SELECT pg_export_snapshot() AS snapshot`);
    const summary: DatabaseSummary = await summarize(async (sql) => (await client.query(sql)).rows);
    let dumpFile: string | null = null;
    if (pgDump) {
      progress('导出 PostgreSQL 数据库（pg_dump）…');
      dumpFile = path.join(tmpDir, 'postgres.dump');
      const args = ['--format=custom', '--no-owner', `--snapshot=${snapshot}`, `--file=${dumpFile}`];
      if (config.schema) args.push(`--schema=${config.schema}`);
      args.push(`--dbname=${config.url}`);
      await new Promise<void>((resolve, reject) => {
        const child = spawn(pgDump, args, { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        child.on('error', reject);
        child.on('close', (code) =>
          code === 0 ? resolve() : reject(new Error(`pg_dump 失败（退出码 ${code}）：${stderr.trim()}`)),
        );
      });
    }
    await client.query('COMMIT');
    return { summary, dumpFile };
  } finally {
    await client.end();
  }
}

export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  const started = Date.now();
  const progress = options.progress ?? (() => undefined);
  const { config } = options;
  const file = path.resolve(options.file);
  if (fs.existsSync(file)) throw new BackupRefusedError(`备份文件已存在，不会覆盖：${file}`);
  fs.mkdirSync(path.dirname(file), { recursive: true });

  // PGlite from outside: the backup opens the database itself, so the API must be stopped; the lock
  // proves it is, and keeps it from starting until the copy of the files is complete too. From
  // inside the running API (openPglite) the API's own queue gives the consistent moment instead.
  let release = () => undefined as void;
  if (config.kind === 'pglite' && !options.openPglite) {
    try {
      release = lockDataDir(config.dataDir, '备份');
    } catch (err) {
      if (err instanceof DataDirLockedError) {
        throw new BackupRefusedError(`无法取得一致的备份：${err.message}`);
      }
      throw err;
    }
  }
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-backup-'));
  const partial = `${file}.partial`;
  let databaseCommand: string | undefined;
  try {
    const parts: BackupPart[] = [];
    const sourceProblems: string[] = [];
    const fd = fs.openSync(partial, 'w', 0o600);
    const tar = new TarWriter(fd);
    let summary: DatabaseSummary;
    let databaseIncluded = true;
    try {
      if (config.kind === 'pglite') {
        const d = options.openPglite
          ? await options.openPglite((pg) => dumpOpenPglite(pg, progress))
          : await dumpPglite(config, progress);
        summary = d.summary;
        const sha256 = tar.addBuffer(PGLITE_PART, d.dump, 0o600);
        parts.push({ name: PGLITE_PART, kind: 'database', size: d.dump.length, sha256, mode: 0o600 });
        progress(`  数据库已导出：${mib(d.dump.length)}`);
      } else {
        const pgDump = options.pgDump === undefined ? findOnPath('pg_dump') : options.pgDump;
        const d = await dumpPostgres(config, pgDump, tmpDir, progress);
        summary = d.summary;
        if (d.dumpFile) {
          const added = tar.addFile(POSTGRES_PART, d.dumpFile);
          parts.push({ name: POSTGRES_PART, kind: 'database', ...added });
          progress(`  数据库已导出：${mib(added.size)}`);
        } else {
          databaseIncluded = false;
          databaseCommand = pgDumpCommand(config.schema, `${file}.pgdump`);
        }
      }

      const files = dataFiles(config.dataDir, [file, partial]);
      progress(`复制数据目录中的文件（归档文件、签章证书）：共 ${files.length} 个…`);
      let copied = 0;
      let bytes = 0;
      let lastReport = Date.now();
      for (const rel of files) {
        const added = tar.addFile(rel, path.join(config.dataDir, rel));
        const kind = partKind(rel);
        const base = path.basename(rel);
        if (kind === 'blob' && /^[0-9a-f]{64}$/.test(base) && base !== added.sha256) {
          sourceProblems.push(`归档文件 ${rel} 的内容与其哈希不符（源数据已损坏）`);
        }
        parts.push({ name: rel, kind, ...added });
        copied++;
        bytes += added.size;
        if (Date.now() - lastReport > 1000 || copied === files.length) {
          progress(`  已复制 ${copied}/${files.length} 个文件，${mib(bytes)}`);
          lastReport = Date.now();
        }
      }

      const manifest: BackupManifest = {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        createdAt: new Date().toISOString(),
        source: {
          kind: config.kind,
          dataDir: config.dataDir,
          ...(config.kind === 'postgres' ? { schema: config.schema ?? null } : {}),
          databaseIncluded,
        },
        schemaVersion: summary.schemaVersion,
        counts: summary.counts,
        ledgerHead: summary.ledgerHead,
        auditHead: summary.auditHead,
        parts,
        sourceProblems,
      };
      const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2) + '\n');
      const manifestHash = tar.addBuffer(MANIFEST_NAME, manifestBytes);
      tar.addBuffer(MANIFEST_HASH_NAME, Buffer.from(`${manifestHash}  ${MANIFEST_NAME}\n`));
      tar.finish();
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      // Only a complete backup ever carries the name the operator asked for.
      fs.renameSync(partial, file);
      return { file, manifest, bytes: tar.bytesWritten, ms: Date.now() - started, databaseCommand };
    } catch (err) {
      try {
        fs.closeSync(fd);
      } catch {
        /* already closed */
      }
      throw err;
    }
  } finally {
    fs.rmSync(partial, { force: true });
    fs.rmSync(tmpDir, { recursive: true, force: true });
    release();
  }
}
