import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { DatabaseConfig } from './database-config';
import { deploymentRepository } from './deployment.repository';

/** DATA_DIR's marker: which deployment (database) its archive, seals and keys belong to. */
export const DEPLOYMENT_MARKER = 'deployment.json';

/** DATA_DIR is not this database's: the process must not start on it. */
export class DataDirMismatchError extends Error {}

function readMarker(dataDir: string): string | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(dataDir, DEPLOYMENT_MARKER), 'utf8')) as {
      deploymentId?: unknown;
    };
    return typeof parsed.deploymentId === 'string' ? parsed.deploymentId : null;
  } catch {
    return null;
  }
}

function writeMarker(dataDir: string, id: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DEPLOYMENT_MARKER);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify({ deploymentId: id }, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

function hasArchiveFiles(dataDir: string): boolean {
  try {
    return fs.readdirSync(path.join(dataDir, 'archive')).length > 0;
  } catch {
    return false;
  }
}

/**
 * Checks at start that DATA_DIR belongs to this database, and binds a new one to it. On PostgreSQL
 * several API processes share one database and must share one DATA_DIR: a process on a directory of
 * its own archived notices that the others could not serve (their PDFs answered 500) and made a
 * development seal of its own (outside tester #1). The database holds a deployment id, written
 * once; DATA_DIR holds it in `deployment.json`. A directory without the marker is adopted unless
 * the database already has archived documents (their files would be elsewhere); a marker naming
 * another deployment is refused. A new database adopts the id of a marked directory without archived
 * files (never a directory holding another deployment's archive). PGlite keeps its
 * database inside DATA_DIR, so the two always match: the marker is only written there.
 * Backups carry both (the marker is a DATA_DIR file, the id a row), so a restore matches too.
 */
export function bindDataDir(ds: DataSource, config: DatabaseConfig): Promise<string> {
  return ds.transaction(async (em) => {
    await deploymentRepository.lock(em);
    return bind(em, config);
  });
}

async function bind(em: EntityManager, config: DatabaseConfig): Promise<string> {
  const dir = config.dataDir;
  const marker = readMarker(dir);
  const stored = await deploymentRepository.id(em);
  const refuse = (why: string) =>
    new DataDirMismatchError(
      `DATA_DIR（${dir}）不是本数据库的数据目录：${why}。同一数据库的所有 API 进程必须使用同一个 DATA_DIR` +
        `（共享存储）：请将 DATA_DIR 指向其他进程使用的目录；若要在新目录中恢复，请用 npm run restore 从备份恢复`,
    );
  if (config.kind === 'pglite') {
    const id = stored ?? (await deploymentRepository.claim(em, marker ?? randomUUID()));
    if (marker !== id) writeMarker(dir, id);
    return id;
  }
  if (stored && marker) {
    if (stored !== marker) throw refuse(`该目录属于另一个部署（${marker}），本数据库的部署标识为 ${stored}`);
    return stored;
  }
  const archived = await deploymentRepository.hasArchived(em);
  if (archived && !marker && !(stored === null && hasArchiveFiles(dir))) {
    throw refuse('数据库中已有归档文书，而该目录没有本部署的标识（deployment.json），归档文书不在其中');
  }
  if (archived && marker) {
    throw refuse(`该目录属于另一个部署（${marker}），而本数据库已有归档文书`);
  }
  // A database not yet bound adopts a marked directory only if that holds no archive: its files
  // would be another database's, and the two would claim one deployment (outside tester, 2026-12-08).
  if (!stored && marker && hasArchiveFiles(dir)) {
    throw refuse(`该目录已属于另一个部署（${marker}），其中有该部署的归档文书，而本数据库尚未绑定任何目录`);
  }
  const id = stored ?? (await deploymentRepository.claim(em, marker ?? randomUUID()));
  if (marker !== id) writeMarker(dir, id);
  return id;
}
