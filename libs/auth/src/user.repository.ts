import { EntityManager } from 'typeorm';
import { UserEntity } from '@app/persistence';

/** An account as stored before the database stamps its creation time. */
export type NewUser = Omit<UserEntity, 'createdAt'>;

/** The only code that reads or writes accounts (`app_user`). */
export const userRepository = {
  byUsername(em: EntityManager, username: string): Promise<UserEntity | null> {
    return em.getRepository(UserEntity).findOne({ where: { username } });
  },

  byId(em: EntityManager, id: string): Promise<UserEntity | null> {
    return em.getRepository(UserEntity).findOne({ where: { id } });
  },

  byIdOrFail(em: EntityManager, id: string): Promise<UserEntity> {
    return em.getRepository(UserEntity).findOneOrFail({ where: { id } });
  },

  /** The account, row-locked until commit, for a change. */
  lock(em: EntityManager, id: string): Promise<UserEntity | null> {
    return em.getRepository(UserEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  },

  usernameTaken(em: EntityManager, username: string): Promise<boolean> {
    return em.getRepository(UserEntity).exists({ where: { username } });
  },

  /**
   * The display names of the region's other accounts (disabled ones count: their names stay on the
   * record). Compared by the caller, whose key (display-name.ts) SQL could not mirror exactly;
   * a region holds a few dozen accounts.
   */
  async displayNamesOf(em: EntityManager, regionCode: string, exceptId: string | null): Promise<string[]> {
    const rows: { display_name: string }[] = await em.query(
      `SELECT display_name FROM app_user
       WHERE region_code = $1 AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [regionCode, exceptId],
    );
    return rows.map((r) => r.display_name);
  },

  /** Accounts whose region is within `regionPrefix`, by region, then name. */
  within(em: EntityManager, regionPrefix: string): Promise<UserEntity[]> {
    return em
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('u.region_code LIKE :scope', { scope: `${regionPrefix}%` })
      .orderBy('u.region_code')
      .addOrderBy('u.username')
      .getMany();
  },

  async insert(em: EntityManager, user: NewUser): Promise<void> {
    await em.getRepository(UserEntity).insert(user);
  },

  /** Writes back an account read (and changed) in this transaction. */
  async save(em: EntityManager, user: UserEntity): Promise<void> {
    await em.getRepository(UserEntity).save(user);
  },

  async setPassword(em: EntityManager, id: string, passwordHash: string, at: Date): Promise<void> {
    await em.getRepository(UserEntity).update({ id }, { passwordHash, passwordChangedAt: at });
  },

  /** Whether a region code exists: accounts may only be placed in a known region. */
  async regionExists(em: EntityManager, code: string): Promise<boolean> {
    const rows: { code: string }[] = await em.query(`SELECT code FROM region WHERE code = $1`, [code]);
    return rows.length > 0;
  },

  /** code → name of the given regions (unknown codes are left out). */
  async regionNames(em: EntityManager, codes: string[]): Promise<Map<string, string>> {
    const rows: { code: string; name: string }[] = await em.query(
      `SELECT code, name FROM region WHERE code = ANY($1)`,
      [codes],
    );
    return new Map(rows.map((r) => [r.code, r.name]));
  },
};
