import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { AppError, Clock, shanghaiDateTime } from '@app/common';
import { AuditService } from '@app/audit';
import { AuthUser } from '@app/auth';
import {
  BackupManifest,
  BackupRefusedError,
  DATABASE_CONFIG,
  Database,
  DatabaseConfig,
  backupDirFromEnv,
  createBackup,
  embeddedDatabaseOf,
} from '@app/persistence';

export interface BackupFileInfo {
  name: string;
  bytes: number;
  createdAt: string;
}

export interface OnlineBackupResult extends BackupFileInfo {
  ms: number;
  counts: BackupManifest['counts'];
  ledgerHead: string | null;
}

/**
 * A backup taken by the running API, so the embedded database need not be stopped for it: the
 * database is dumped while the API's queue holds every other unit of work (a few seconds), then the
 * archive files are copied while work goes on (they are content-addressed and never change). The
 * file is the same format `npm run restore` reads.
 */
@Injectable()
export class OnlineBackupService {
  private running: Promise<OnlineBackupResult> | null = null;

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(DATABASE_CONFIG) private readonly config: DatabaseConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  get directory(): string {
    return backupDirFromEnv();
  }

  async list(): Promise<BackupFileInfo[]> {
    if (!fs.existsSync(this.directory)) return [];
    return fs
      .readdirSync(this.directory)
      .filter((f) => f.endsWith('.backup'))
      .map((name) => {
        const stat = fs.statSync(path.join(this.directory, name));
        return { name, bytes: stat.size, createdAt: stat.mtime.toISOString() };
      })
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async create(admin: AuthUser): Promise<OnlineBackupResult> {
    if (this.running) {
      throw AppError.conflict('BACKUP_RUNNING', '已有一份备份正在进行，请等它完成后再试');
    }
    this.running = this.run(admin).finally(() => (this.running = null));
    return this.running;
  }

  private async run(admin: AuthUser): Promise<OnlineBackupResult> {
    const now = this.clock.now();
    // Beijing time in the name, as the office reads it: jiuzhu-20261203-214626-….backup
    const beijing = shanghaiDateTime(now);
    const stamp = `${beijing.slice(0, 10).replace(/-/g, '')}-${beijing.slice(11, 19).replace(/:/g, '')}`;
    const name = `jiuzhu-${stamp}-${randomBytes(3).toString('hex')}.backup`;
    fs.mkdirSync(this.directory, { recursive: true });
    const file = path.join(this.directory, name);
    try {
      const result = await createBackup({
        config: this.config,
        file,
        ...(this.config.kind === 'pglite' && {
          openPglite: embeddedDatabaseOf(this.db),
        }),
      });
      if (result.databaseCommand) {
        fs.rmSync(file, { force: true });
        throw new AppError(
          409,
          'BACKUP_NO_PG_DUMP',
          `服务器上没有 pg_dump，无法在线备份 PostgreSQL 数据库；请在服务器上运行 npm run backup，或用：${result.databaseCommand}`,
        );
      }
      const { counts, ledgerHead } = result.manifest;
      await this.db.transaction((em) =>
        this.audit.record(em, {
          at: this.clock.now(),
          actorId: admin.id,
          action: 'backup.create',
          detail: { file: name, bytes: result.bytes, counts, ledgerHead },
        }),
      );
      return {
        name,
        bytes: result.bytes,
        createdAt: new Date().toISOString(),
        ms: result.ms,
        counts,
        ledgerHead,
      };
    } catch (err) {
      if (err instanceof BackupRefusedError) throw new AppError(409, 'BACKUP_REFUSED', err.message);
      throw err;
    }
  }
}
