import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { DatabaseConfig } from '../database-config';
import { BackupRefusedError, PGLITE_PART, POSTGRES_PART, Progress, findOnPath, mib } from './backup';
import { DataDirLockedError, LOCK_FILE, lockDataDir } from './data-dir-lock';
import { BACKUP_FORMAT, BackupManifest, MANIFEST_HASH_NAME, MANIFEST_NAME, describePart } from './manifest';
import { TarEntry, TarFormatError, forEachChunk, readEntry, readTarIndex, sha256OfEntry } from './tar';

export interface CheckedBackup {
  manifest: BackupManifest;
  entries: Map<string, TarEntry>;
}

/**
 * Reads a backup and checks every part against the manifest before anything is restored: the
 * manifest against its own sha256, then each part's size and sha256. Throws BackupRefusedError
 * naming the first bad part.
 */
export function checkBackup(fd: number, progress: Progress = () => undefined): CheckedBackup {
  let index: TarEntry[];
  try {
    index = readTarIndex(fd);
  } catch (err) {
    if (err instanceof TarFormatError) throw new BackupRefusedError(`备份文件已损坏：${err.message}`);
    throw err;
  }
  const entries = new Map(index.map((e) => [e.name, e]));
  const manifestEntry = entries.get(MANIFEST_NAME);
  const hashEntry = entries.get(MANIFEST_HASH_NAME);
  if (!manifestEntry || !hashEntry) {
    throw new BackupRefusedError(
      `不是本系统的备份文件，或备份不完整（缺少 ${MANIFEST_NAME} / ${MANIFEST_HASH_NAME}）`,
    );
  }
  const expected = readEntry(fd, hashEntry).toString('utf8').split(/\s+/)[0];
  if (sha256OfEntry(fd, manifestEntry) !== expected) {
    throw new BackupRefusedError(
      `备份文件已损坏：清单 ${MANIFEST_NAME} 与其 sha256（${MANIFEST_HASH_NAME}）不符`,
    );
  }
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(readEntry(fd, manifestEntry).toString('utf8')) as BackupManifest;
  } catch {
    throw new BackupRefusedError(`备份文件已损坏：清单 ${MANIFEST_NAME} 无法解析`);
  }
  if (manifest.format !== BACKUP_FORMAT)
    throw new BackupRefusedError(`不是本系统的备份文件（格式 ${manifest.format}）`);

  const listed = new Set([MANIFEST_NAME, MANIFEST_HASH_NAME, ...manifest.parts.map((p) => p.name)]);
  for (const name of entries.keys()) {
    if (!listed.has(name)) throw new BackupRefusedError(`备份文件中有清单未列出的条目：${name}`);
  }
  progress(`校验备份：${manifest.parts.length} 个部分…`);
  let checked = 0;
  let lastReport = Date.now();
  for (const part of manifest.parts) {
    const entry = entries.get(part.name);
    if (!entry) throw new BackupRefusedError(`备份文件不完整：缺少${describePart(part)}`);
    if (entry.size !== part.size) {
      throw new BackupRefusedError(
        `备份文件已损坏：${describePart(part)} 的大小为 ${entry.size} 字节，清单记录为 ${part.size} 字节`,
      );
    }
    if (sha256OfEntry(fd, entry) !== part.sha256) {
      throw new BackupRefusedError(`备份文件已损坏：${describePart(part)} 的 sha256 与清单不符`);
    }
    checked++;
    if (Date.now() - lastReport > 1000 || checked === manifest.parts.length) {
      progress(`  已校验 ${checked}/${manifest.parts.length}`);
      lastReport = Date.now();
    }
  }
  return { manifest, entries };
}

export interface RestoreOptions {
  file: string;
  config: DatabaseConfig;
  force?: boolean;
  progress?: Progress;
  pgRestore?: string | null;
}

export interface RestoreResult {
  manifest: BackupManifest;
  ms: number;
  /** Where --force moved what the data directory held before. */
  replacedTo?: string;
  /** PostgreSQL backup without the database: restore it with this command first. */
  databaseCommand?: string;
}

function existingContent(dataDir: string): string[] {
  if (!fs.existsSync(dataDir)) return [];
  return fs.readdirSync(dataDir).filter((name) => name !== LOCK_FILE);
}

function moveAside(dataDir: string, names: string[]): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = `${dataDir.replace(/[\\/]+$/, '')}.replaced-${stamp}`;
  fs.mkdirSync(target, { recursive: true });
  for (const name of names) fs.renameSync(path.join(dataDir, name), path.join(target, name));
  return target;
}

async function postgresHasData(config: DatabaseConfig): Promise<boolean> {
  const client = new Client({ connectionString: config.url });
  await client.connect();
  try {
    const table = config.schema ? `"${config.schema}".assistance_case` : 'assistance_case';
    const { rows } = await client.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [table]);
    return rows[0].present === true;
  } finally {
    await client.end();
  }
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${path.basename(command)} 失败（退出码 ${code}）：${stderr.trim()}`)),
    );
  });
}

/** Checks the backup, then restores it into the configured data directory (and database). */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const started = Date.now();
  const progress = options.progress ?? (() => undefined);
  const { config } = options;
  const file = path.resolve(options.file);
  if (!fs.existsSync(file)) throw new BackupRefusedError(`备份文件不存在：${file}`);
  const fd = fs.openSync(file, 'r');
  let release = () => undefined as void;
  try {
    const { manifest, entries } = checkBackup(fd, progress);
    if (manifest.source.kind !== config.kind) {
      throw new BackupRefusedError(
        manifest.source.kind === 'postgres'
          ? '此备份来自 PostgreSQL：恢复时请设置 DATABASE_URL（及原来的 DATABASE_SCHEMA）'
          : '此备份来自嵌入式数据库（PGlite）：恢复时请不要设置 DATABASE_URL，并用 --data-dir 指定目标目录',
      );
    }
    if (config.kind === 'pglite') {
      try {
        release = lockDataDir(config.dataDir, '恢复');
      } catch (err) {
        if (err instanceof DataDirLockedError) throw new BackupRefusedError(`无法恢复：${err.message}`);
        throw err;
      }
    }
    const present = existingContent(config.dataDir);
    const pgHasData =
      config.kind === 'postgres' && entries.has(POSTGRES_PART) && (await postgresHasData(config));
    if ((present.length || pgHasData) && !options.force) {
      const what = [
        ...(present.length ? [`数据目录 ${config.dataDir} 不为空（${present.slice(0, 5).join('、')}）`] : []),
        ...(pgHasData ? [`数据库${config.schema ? `模式 ${config.schema}` : ''}中已有数据`] : []),
      ];
      throw new BackupRefusedError(
        `${what.join('；')}，不会覆盖。确需覆盖请加 --force` +
          (present.length ? `（原有内容会移到 ${config.dataDir}.replaced-<时间> 目录，不会删除）` : ''),
      );
    }
    const replacedTo = present.length ? moveAside(config.dataDir, present) : undefined;
    if (replacedTo) progress(`原有数据已移到 ${replacedTo}`);
    fs.mkdirSync(config.dataDir, { recursive: true });

    let databaseCommand: string | undefined;
    const database = manifest.parts.find((p) => p.kind === 'database');
    if (config.kind === 'pglite') {
      const entry = entries.get(PGLITE_PART)!;
      progress(`恢复数据库（${mib(entry.size)}）…`);
      const pg = new PGlite(path.join(config.dataDir, 'pg'), {
        loadDataDir: new Blob([new Uint8Array(readEntry(fd, entry))]),
      });
      await pg.waitReady;
      await pg.close();
    } else if (database) {
      const pgRestore = options.pgRestore === undefined ? findOnPath('pg_restore') : options.pgRestore;
      if (!pgRestore)
        throw new BackupRefusedError('此备份包含 PostgreSQL 数据库，但 PATH 中找不到 pg_restore');
      progress(`恢复 PostgreSQL 数据库（pg_restore，${mib(database.size)}）…`);
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-restore-'));
      try {
        const dump = path.join(tmp, 'postgres.dump');
        const out = fs.openSync(dump, 'w', 0o600);
        forEachChunk(fd, entries.get(POSTGRES_PART)!, (chunk) => fs.writeSync(out, chunk));
        fs.closeSync(out);
        const args = ['--no-owner', '--exit-on-error', ...(options.force ? ['--clean', '--if-exists'] : [])];
        await run(pgRestore, [...args, `--dbname=${config.url}`, dump]);
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    } else {
      databaseCommand = `pg_restore --no-owner --dbname="$DATABASE_URL" <pg_dump 的输出文件>`;
    }

    const files = manifest.parts.filter((p) => p.kind !== 'database');
    progress(`恢复数据目录中的文件：共 ${files.length} 个…`);
    let done = 0;
    let lastReport = Date.now();
    for (const part of files) {
      const target = path.join(config.dataDir, ...part.name.split('/'));
      if (!target.startsWith(path.resolve(config.dataDir) + path.sep)) {
        throw new BackupRefusedError(`备份中的路径越出数据目录：${part.name}`);
      }
      fs.mkdirSync(path.dirname(target), { recursive: true, mode: part.kind === 'seal' ? 0o700 : 0o755 });
      const out = fs.openSync(target, 'wx', 0o600);
      try {
        forEachChunk(fd, entries.get(part.name)!, (chunk) => fs.writeSync(out, chunk));
        fs.fsyncSync(out);
      } finally {
        fs.closeSync(out);
      }
      fs.chmodSync(target, part.mode || 0o644);
      done++;
      if (Date.now() - lastReport > 1000 || done === files.length) {
        progress(`  已恢复 ${done}/${files.length}`);
        lastReport = Date.now();
      }
    }
    return { manifest, ms: Date.now() - started, replacedTo, databaseCommand };
  } finally {
    fs.closeSync(fd);
    release();
  }
}
