import { createHash } from 'node:crypto';
import { stableStringify } from '@app/common';

export const AUDIT_GENESIS_HASH = '0'.repeat(64);

export interface AuditContent {
  id: string;
  at: Date;
  actorId: string | null;
  action: string;
  caseId: string | null;
  detail: unknown;
  origin?: unknown;
  /**
   * The actor as they were (name, role, region), for entries that seal it; absent for entries
   * sealed before it was recorded (their names were filled in later and are not in their hash).
   */
  actor?: ActorAtTheTime;
}

export interface ActorAtTheTime {
  name: string | null;
  role: string | null;
  regionCode: string | null;
}

/**
 * A link's hash covers the previous link's hash and the entry's whole content, its id included, so
 * an entry changed, removed, renumbered or put in another place no longer matches. `detail` is
 * hashed in canonical form (sorted keys): jsonb hands objects back in its own key order.
 */
export function auditEntryHash(prevHash: string, e: AuditContent): string {
  const fields: unknown[] = [
    prevHash,
    String(e.id),
    e.at.toISOString(),
    e.actorId,
    e.action,
    e.caseId,
    e.detail ?? null,
  ];
  if (e.actor) {
    // The origin's place is always taken here, so an entry cannot pass its actor off as an origin.
    fields.push(e.origin ?? null, { actor: e.actor });
  } else if (e.origin !== undefined && e.origin !== null) {
    // Entries from before origins (and then actors) were recorded keep the hash they were sealed with.
    fields.push(e.origin);
  }
  const canonical = stableStringify(fields);
  return createHash('sha256').update(canonical).digest('hex');
}

export interface ChainLink {
  seq: string;
  prevHash: string;
  entryHash: string;
  /** The entry the link seals as it stands now; null when it is gone. */
  entry: AuditContent | null;
}

export interface AuditCheck {
  ok: boolean;
  /** Links checked. */
  sealed: number;
  firstBadSeq?: string;
  auditId?: string;
  problem?: string;
}

/** Walks the links in order: each must follow the previous one and match its entry as it is now. */
export function checkAuditChain(links: ChainLink[]): AuditCheck {
  let prev = AUDIT_GENESIS_HASH;
  let sealed = 0;
  for (const link of links) {
    sealed++;
    const bad = (problem: string): AuditCheck => ({
      ok: false,
      sealed,
      firstBadSeq: link.seq,
      ...(link.entry && { auditId: String(link.entry.id) }),
      problem,
    });
    if (link.prevHash !== prev) return bad('链接断裂：记录链中的条目被删除、插入或调换');
    if (!link.entry) return bad('记录链指向的审计条目已不存在');
    if (auditEntryHash(prev, link.entry) !== link.entryHash)
      return bad('审计条目内容与封存时的哈希不符：条目被修改');
    prev = link.entryHash;
  }
  return { ok: true, sealed };
}
