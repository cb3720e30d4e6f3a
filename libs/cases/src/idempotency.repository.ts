import { EntityManager } from 'typeorm';
import { IdempotencyEntity } from '@app/persistence';

/** The only code that reads or writes the answers kept for Idempotency-Key replays. */
export const idempotencyRepository = {
  /** Serializes requests with the same key until the transaction ends. */
  async lock(em: EntityManager, userId: string, key: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${userId}:${key}`]);
  },
  find(em: EntityManager, userId: string, key: string): Promise<IdempotencyEntity | null> {
    return em.getRepository(IdempotencyEntity).findOne({ where: { key, userId } });
  },
  insert(em: EntityManager, row: IdempotencyEntity) {
    return em.getRepository(IdempotencyEntity).insert(row);
  },
};
