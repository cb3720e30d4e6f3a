import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { LedgerEntity } from '@app/persistence';
import { archiveRepository as archive } from './archive.repository';

export const GENESIS_HASH = '0'.repeat(64);

export type LedgerInput = Omit<LedgerEntity, 'seq' | 'prevHash' | 'entryHash'>;

/** The hash of an entry covers its content and its predecessor's hash, so no row can change unseen. */
export function entryHash(prevHash: string, e: LedgerInput): string {
  const canonical = JSON.stringify([
    prevHash,
    e.documentId,
    e.caseId,
    e.elementId,
    e.templateId,
    e.templateVersion,
    e.number,
    e.dataSha256,
    e.pdfSha256,
    e.recordedAt.toISOString(),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export async function appendLedger(em: EntityManager, input: LedgerInput): Promise<LedgerEntity> {
  // One writer at a time, so each entry links to the true predecessor even across processes.
  await archive.lockLedger(em);
  const last = await archive.lastEntry(em);
  const prevHash = last?.entryHash ?? GENESIS_HASH;
  return archive.append(em, { ...input, prevHash, entryHash: entryHash(prevHash, input) });
}

export interface LedgerCheck {
  ok: boolean;
  entries: number;
  firstBadSeq?: string;
  problem?: string;
}

export async function verifyLedger(em: EntityManager): Promise<LedgerCheck> {
  const rows = await archive.entries(em);
  let prev = GENESIS_HASH;
  for (const row of rows) {
    if (row.prevHash !== prev)
      return {
        ok: false,
        entries: rows.length,
        firstBadSeq: row.seq,
        problem: '链接断裂（条目被删除或调换）',
      };
    if (entryHash(prev, row) !== row.entryHash) {
      return { ok: false, entries: rows.length, firstBadSeq: row.seq, problem: '条目内容与哈希不符' };
    }
    prev = row.entryHash;
  }
  return { ok: true, entries: rows.length };
}
