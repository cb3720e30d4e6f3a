import { EntityManager } from 'typeorm';
import { SessionEntity, UserEntity, preparedQuery } from '@app/persistence';

/** A session and what authentication needs of its account. */
export interface SessionWithUser {
  expiresAt: Date;
  lastSeenAt: Date;
  user: Pick<
    UserEntity,
    'id' | 'username' | 'displayName' | 'role' | 'extraRoles' | 'regionCode' | 'pendingBy'
  > & {
    disabled: boolean;
  };
}

/** The only code that reads or writes sign-in sessions (`user_session`), keyed by token hash. */
export const sessionRepository = {
  async insert(em: EntityManager, session: Omit<SessionEntity, 'createdAt'>): Promise<void> {
    await em.getRepository(SessionEntity).insert(session);
  },

  /**
   * The session with its account, in one statement: every request is authenticated by it, so a
   * second round trip for the account would be paid on every call. A lookup by key, kept prepared.
   */
  async withUser(em: EntityManager, tokenHash: string): Promise<SessionWithUser | null> {
    const [row] = await preparedQuery<SessionWithUser>(
      em,
      `SELECT s.expires_at AS "expiresAt", s.last_seen_at AS "lastSeenAt",
              json_build_object('id', u.id, 'username', u.username, 'displayName', u.display_name,
                'role', u.role, 'extraRoles', u.extra_roles, 'regionCode', u.region_code,
                'pendingBy', u.pending_by, 'disabled', u.disabled_at IS NOT NULL) AS "user"
       FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE s.token_hash = $1`,
      [tokenHash],
    );
    return row ?? null;
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

  /** Moves one session's times by `ms`, unless another request already did (its last use changed). */
  async shiftOne(em: EntityManager, tokenHash: string, lastSeenAt: Date, ms: number): Promise<void> {
    await em.query(
      `UPDATE user_session SET last_seen_at = last_seen_at + $3 * interval '1 millisecond',
         expires_at = expires_at + $3 * interval '1 millisecond'
       WHERE token_hash = $1 AND last_seen_at = $2`,
      [tokenHash, lastSeenAt, ms],
    );
  },
};
