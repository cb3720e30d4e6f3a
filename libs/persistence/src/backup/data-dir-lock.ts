import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * PGlite is one process's database: it takes no lock of its own, and two processes opening one
 * data directory corrupt it. Whoever opens DATA_DIR's embedded database (the API, the backup and
 * restore commands) first takes this lock file, which names the process that holds it.
 */
export const LOCK_FILE = 'pglite.lock';

export interface LockHolder {
  pid: number;
  hostname: string;
  purpose: string;
  since: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `数据目录 ${dataDir} 正被进程 ${holder.pid}（${holder.purpose}，${holder.hostname}，自 ${holder.since} 起）使用；` +
        `请先停止该进程。若确认没有进程在使用，可删除 ${path.join(dataDir, LOCK_FILE)} 后重试`,
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
  } catch {
    return null; // unreadable or half-written: treat as stale
  }
}

/** Who holds the lock now, or null when it is free or stale (holder gone). */
export function dataDirLockHolder(dataDir: string): LockHolder | null {
  const holder = readHolder(path.join(dataDir, LOCK_FILE));
  if (!holder) return null;
  if (holder.hostname === os.hostname() && !alive(holder.pid)) return null;
  return holder;
}

/**
 * Takes the lock or throws DataDirLockedError. A lock left by a process that died (crash, kill -9)
 * on this host is taken over. Returns the release function.
 */
export function lockDataDir(dataDir: string, purpose: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const me: LockHolder = {
    pid: process.pid,
    hostname: os.hostname(),
    purpose,
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const current = readHolder(file);
        if (current?.pid === me.pid && current.since === me.since) fs.rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = dataDirLockHolder(dataDir);
      if (holder) throw new DataDirLockedError(dataDir, holder);
      fs.rmSync(file, { force: true }); // stale
    }
  }
  throw new Error(`无法取得数据目录锁 ${file}`);
}
