import { EntityManager } from 'typeorm';
import { DocumentEntity, LedgerEntity } from '@app/persistence';

/** Serializes ledger appends across processes, so each entry links to the true predecessor. */
const LEDGER_LOCK = 7411;

/** What the archive reads and writes: the ledger (`archive_ledger`) and what it vouches for. */
export const archiveRepository = {
  /** Held until commit: one ledger writer at a time. */
  async lockLedger(em: EntityManager): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock($1)`, [LEDGER_LOCK]);
  },

  lastEntry(em: EntityManager): Promise<LedgerEntity | null> {
    return em.getRepository(LedgerEntity).findOne({ where: {}, order: { seq: 'DESC' } });
  },

  /** Stores an entry; the database numbers it (`seq`). */
  append(em: EntityManager, row: Omit<LedgerEntity, 'seq'>): Promise<LedgerEntity> {
    return em.getRepository(LedgerEntity).save(row);
  },

  /** The whole ledger in order. */
  entries(em: EntityManager): Promise<LedgerEntity[]> {
    return em.getRepository(LedgerEntity).find({ order: { seq: 'ASC' } });
  },

  archivedDocuments(em: EntityManager): Promise<DocumentEntity[]> {
    return em.getRepository(DocumentEntity).find({ where: { status: 'archived' } });
  },

  /** Every attachment and thumbnail blob key the database refers to, once each (char-padded). */
  async attachmentBlobKeys(em: EntityManager): Promise<string[]> {
    const rows: { key: string }[] = await em.query(
      `SELECT blob_key AS key FROM attachment
        UNION SELECT thumbnail_blob_key FROM attachment WHERE thumbnail_blob_key IS NOT NULL`,
    );
    return rows.map((r) => r.key);
  },
};
