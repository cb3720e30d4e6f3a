import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { stableStringify } from '@app/common';
import { LedgerEntity } from '@app/persistence';
import { archiveRepository as archive } from './archive.repository';
import { BlobCorruptedError, BlobStore } from './blob-store';
import { LedgerCheck, verifyLedger } from './ledger';

export interface ArchiveCheck extends LedgerCheck {
  /** Archived PDFs read back and re-hashed. */
  blobs: number;
  documentId?: string;
}

/**
 * The whole archive, not only the ledger's own chain: every ledger row's PDF is read back from the
 * blob store and must still hash to the ledger's pdf_sha256 (one changed byte fails), the document
 * row must name that same PDF and still hold the frozen data the ledger hashed, and no document may
 * be archived without its ledger row.
 */
export async function verifyArchive(em: EntityManager, blobs: BlobStore): Promise<ArchiveCheck> {
  const ledger = await verifyLedger(em);
  if (!ledger.ok) return { ...ledger, blobs: 0 };
  const rows = await archive.entries(em);
  const docs = new Map((await archive.archivedDocuments(em)).map((d) => [d.id, d]));
  const bad = (row: LedgerEntity, problem: string, checked: number): ArchiveCheck => ({
    ok: false,
    entries: rows.length,
    blobs: checked,
    firstBadSeq: row.seq,
    documentId: row.documentId,
    problem,
  });
  let checked = 0;
  for (const row of rows) {
    const doc = docs.get(row.documentId);
    if (!doc) return bad(row, `归档台账第 ${row.seq} 条对应的文书不是已归档状态或已不存在`, checked);
    docs.delete(row.documentId);
    if (doc.pdfSha256 !== row.pdfSha256)
      return bad(row, `文书 ${doc.number ?? doc.id} 记录的归档文件与归档台账不符`, checked);
    const dataSha256 = createHash('sha256').update(stableStringify(doc.data)).digest('hex');
    if (dataSha256 !== row.dataSha256)
      return bad(row, `文书 ${doc.number ?? doc.id} 的冻结数据与归档台账不符（已被改动）`, checked);
    try {
      await blobs.get(row.pdfSha256);
    } catch (err) {
      const what =
        err instanceof BlobCorruptedError
          ? '内容已被改动'
          : (err as NodeJS.ErrnoException).code === 'ENOENT'
            ? '已丢失'
            : `无法读取（${(err as Error).message}）`;
      return bad(row, `文书 ${doc.number ?? doc.id} 的归档 PDF（${row.pdfSha256.trim()}）${what}`, checked);
    }
    checked++;
  }
  const [orphan] = docs.values();
  if (orphan)
    return {
      ok: false,
      entries: rows.length,
      blobs: checked,
      documentId: orphan.id,
      problem: `文书 ${orphan.number ?? orphan.id} 标为已归档，但归档台账中没有它`,
    };
  return { ok: true, entries: rows.length, blobs: checked };
}
