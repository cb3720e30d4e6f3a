import { ArchiveCheck, AttachmentCheck, BlobStore, verifyArchive, verifyAttachments } from '@app/archive';
import { AuditService } from '@app/audit';
import {
  Database,
  DatabaseConfig,
  DatabaseSummary,
  initializeDatabase,
  schemaRepository,
} from '@app/persistence';
import * as path from 'node:path';

export interface IntegrityReport {
  ok: boolean;
  audit: Awaited<ReturnType<AuditService['verify']>>;
  archive: ArchiveCheck;
  attachments: AttachmentCheck;
  summary: DatabaseSummary;
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
    const attachments = await db.read((em) => verifyAttachments(em, store));
    const summary = await db.read((em) => schemaRepository.summary(em));
    return { ok: audit.ok && archive.ok && attachments.ok, audit, archive, attachments, summary };
  } finally {
    await db.close();
  }
}

export function describeIntegrity(r: IntegrityReport): string {
  if (r.ok) {
    return (
      `完整性校验通过：审计记录 ${r.audit.sealed} 条、归档台账 ${r.archive.entries} 条均未被改动，` +
      `${r.archive.blobs} 份归档文书和 ${r.attachments.checked} 个附件齐全且与哈希相符`
    );
  }
  const problems = [
    r.audit.ok ? null : `审计记录：${r.audit.problem}`,
    r.archive.ok
      ? null
      : `归档：${r.archive.firstBadSeq ? `第 ${r.archive.firstBadSeq} 条，` : ''}${r.archive.problem}`,
    r.attachments.missing.length
      ? `缺少附件文件 ${r.attachments.missing.length} 个（如 ${r.attachments.missing[0]}）`
      : null,
    r.attachments.corrupted.length
      ? `附件文件内容被改动 ${r.attachments.corrupted.length} 个（如 ${r.attachments.corrupted[0]}）`
      : null,
  ];
  return `完整性校验失败：${problems.filter(Boolean).join('；')}`;
}
