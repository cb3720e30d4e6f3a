import { ArchiveCheck, BlobCorruptedError, BlobStore, verifyArchive } from '@app/archive';
import { AuditService } from '@app/audit';
import { Database, DatabaseConfig, DatabaseSummary, initializeDatabase, summarize } from '@app/persistence';
import * as path from 'node:path';

export interface BlobCheck {
  ok: boolean;
  checked: number;
  missing: string[];
  corrupted: string[];
}

export interface IntegrityReport {
  ok: boolean;
  audit: Awaited<ReturnType<AuditService['verify']>>;
  archive: ArchiveCheck;
  blobs: BlobCheck;
  summary: DatabaseSummary;
}

/**
 * Every attachment and thumbnail the database refers to is present and still hashes to its name
 * (archived PDFs are checked with their ledger rows by `verifyArchive`).
 */
export async function verifyBlobs(db: Database, store: BlobStore): Promise<BlobCheck> {
  const rows: { key: string }[] = await db.read((em) =>
    em.query(`SELECT blob_key AS key FROM attachment
              UNION SELECT thumbnail_blob_key FROM attachment WHERE thumbnail_blob_key IS NOT NULL`),
  );
  const missing: string[] = [];
  const corrupted: string[] = [];
  for (const { key } of rows) {
    const hash = key.trim();
    try {
      await store.get(hash);
    } catch (err) {
      if (err instanceof BlobCorruptedError) corrupted.push(hash);
      else missing.push(hash);
    }
  }
  return { ok: !missing.length && !corrupted.length, checked: rows.length, missing, corrupted };
}

/**
 * Opens the database the way the API does (migrations included) without starting the API, and
 * checks the audit chain, the archive ledger and the archived files.
 */
export async function checkIntegrity(config: DatabaseConfig): Promise<IntegrityReport> {
  const db = new Database(await initializeDatabase(config, '完整性校验'), config.kind);
  try {
    const audit = await new AuditService(db).verify();
    const store = new BlobStore(path.join(config.dataDir, 'archive'));
    const archive = await db.read((em) => verifyArchive(em, store));
    const blobs = await verifyBlobs(db, store);
    const summary = await db.read((em) => summarize((sql) => em.query(sql)));
    return { ok: audit.ok && archive.ok && blobs.ok, audit, archive, blobs, summary };
  } finally {
    await db.close();
  }
}

export function describeIntegrity(r: IntegrityReport): string {
  if (r.ok) {
    return (
      `完整性校验通过：审计记录 ${r.audit.sealed} 条、归档台账 ${r.archive.entries} 条均未被改动，` +
      `${r.archive.blobs} 份归档文书和 ${r.blobs.checked} 个附件齐全且与哈希相符`
    );
  }
  const problems = [
    r.audit.ok ? null : `审计记录：${r.audit.problem}`,
    r.archive.ok
      ? null
      : `归档：${r.archive.firstBadSeq ? `第 ${r.archive.firstBadSeq} 条，` : ''}${r.archive.problem}`,
    r.blobs.missing.length ? `缺少附件文件 ${r.blobs.missing.length} 个（如 ${r.blobs.missing[0]}）` : null,
    r.blobs.corrupted.length
      ? `附件文件内容被改动 ${r.blobs.corrupted.length} 个（如 ${r.blobs.corrupted[0]}）`
      : null,
  ];
  return `完整性校验失败：${problems.filter(Boolean).join('；')}`;
}
