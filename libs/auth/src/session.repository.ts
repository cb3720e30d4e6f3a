import { EntityManager } from 'typeorm';
import { SessionEntity } from '@app/persistence';

/** The only code that reads or writes sign-in sessions (`user_session`), keyed by token hash. */
export const sessionRepository = {
  async insert(em: EntityManager, session: Omit<SessionEntity, 'createdAt'>): Promise<void> {
    await em.getRepository(SessionEntity).insert(session);
  },

  byTokenHash(em: EntityManager, tokenHash: string): Promise<SessionEntity | null> {
    return em.getRepository(SessionEntity).findOne({ where: { tokenHash } });
  },

  async touch(em: EntityManager, tokenHash: string, at: Date): Promise<void> {
    await em.getRepository(SessionEntity).update({ tokenHash }, { lastSeenAt: at });
  },

  async end(em: EntityManager, tokenHash: string): Promise<void> {
    await em.getRepository(SessionEntity).delete({ tokenHash });
  },

  /** Ends every session of the account, but the one whose token hash is `keep` (the caller's own). */
  async endAllOf(em: EntityManager, userId: string, keep?: string): Promise<void> {
    await em.query(`DELETE FROM user_session WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2`, [
      userId,
      keep ?? null,
    ]);
  },

  /** Moves every session's times by `ms`: a jump of the demo clock is not the users' idleness. */
  async shiftAll(em: EntityManager, ms: number): Promise<void> {
    await em.query(
      `UPDATE user_session SET last_seen_at = last_seen_at + $1 * interval '1 millisecond',
         expires_at = expires_at + $1 * interval '1 millisecond'`,
      [ms],
    );
  },
};
