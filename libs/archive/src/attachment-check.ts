import { EntityManager } from 'typeorm';
import { BlobCorruptedError, BlobStore } from './blob-store';

export interface AttachmentCheck {
  ok: boolean;
  /** Attachment and thumbnail files read back and re-hashed. */
  checked: number;
  missing: string[];
  corrupted: string[];
}

/**
 * Every attachment and thumbnail the database refers to is present and still hashes to its name
 * (archived PDFs are checked with their ledger rows by `verifyArchive`).
 */
export async function verifyAttachments(em: EntityManager, store: BlobStore): Promise<AttachmentCheck> {
  const rows: { key: string }[] = await em.query(
    `SELECT blob_key AS key FROM attachment
      UNION SELECT thumbnail_blob_key FROM attachment WHERE thumbnail_blob_key IS NOT NULL`,
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
