import { EntityManager } from 'typeorm';
import { archiveRepository as archive } from './archive.repository';
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
  const keys = await archive.attachmentBlobKeys(em);
  const missing: string[] = [];
  const corrupted: string[] = [];
  for (const key of keys) {
    const hash = key.trim();
    try {
      await store.get(hash);
    } catch (err) {
      if (err instanceof BlobCorruptedError) corrupted.push(hash);
      else missing.push(hash);
    }
  }
  return { ok: !missing.length && !corrupted.length, checked: keys.length, missing, corrupted };
}
