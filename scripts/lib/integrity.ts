import { BlobCorruptedError, BlobStore, LedgerCheck, verifyLedger } from '@app/archive';
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
  archive: LedgerCheck;
  blobs: BlobCheck;
  summary: DatabaseSummary;
}

/**
 * Every blob the database refers to (archived documents, ledger rows, attachments and their
 * thumbnails) is present and still hashes to its name.
 */
export async function verifyBlobs(db: Database, store: BlobStore): Promise<BlobCheck> {
  const rows: { key: string }[] = await db.read((em) =>
    em.query(`SELECT pdf_sha256 AS key FROM document WHERE pdf_sha256 IS NOT NULL
              UNION SELECT pdf_sha256 FROM archive_ledger
              UNION SELECT blob_key FROM attachment
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
    const archive = await db.read((em) => verifyLedger(em));
    const blobs = await verifyBlobs(db, new BlobStore(path.join(config.dataDir, 'archive')));
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
      `${r.blobs.checked} 个归档文件齐全且与哈希相符`
    );
  }
  const problems = [
    r.audit.ok ? null : `审计记录：${r.audit.problem}`,
    r.archive.ok ? null : `归档台账：第 ${r.archive.firstBadSeq} 条${r.archive.problem}`,
    r.blobs.missing.length ? `缺少归档文件 ${r.blobs.missing.length} 个（如 ${r.blobs.missing[0]}）` : null,
    r.blobs.corrupted.length
      ? `归档文件内容被改动 ${r.blobs.corrupted.length} 个（如 ${r.blobs.corrupted[0]}）`
      : null,
  ];
  return `完整性校验失败：${problems.filter(Boolean).join('；')}`;
}
