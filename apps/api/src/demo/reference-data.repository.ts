import { EntityManager } from 'typeorm';
import {
  AgencyEntity,
  OrganEntity,
  PolicyParametersEntity,
  RegionEntity,
  UserEntity,
} from '@app/persistence';

/** An account as the demo creates it: the other columns take their defaults. */
export type DemoUser = Pick<
  UserEntity,
  'id' | 'username' | 'displayName' | 'role' | 'regionCode' | 'passwordHash'
> &
  Partial<Pick<UserEntity, 'extraRoles'>>;

/** What seeding the demo (and the tests and benchmarks that start from it) writes and reads. */
export const referenceDataRepository = {
  async hasUsers(em: EntityManager): Promise<boolean> {
    return (await em.getRepository(UserEntity).count()) > 0;
  },

  async insertRegions(em: EntityManager, regions: RegionEntity[]): Promise<void> {
    await em.getRepository(RegionEntity).insert(regions);
  },

  async insertAgencies(em: EntityManager, agencies: AgencyEntity[]): Promise<void> {
    await em.getRepository(AgencyEntity).insert(agencies);
  },

  async insertOrgans(em: EntityManager, organs: OrganEntity[]): Promise<void> {
    await em.getRepository(OrganEntity).insert(organs);
  },

  async insertPolicyParameters(em: EntityManager, row: PolicyParametersEntity): Promise<void> {
    await em.getRepository(PolicyParametersEntity).insert(row);
  },

  async insertUser(em: EntityManager, user: DemoUser): Promise<void> {
    await em.getRepository(UserEntity).insert(user);
  },

  /** Every account, to sign in as in the demo. */
  users(em: EntityManager): Promise<UserEntity[]> {
    return em.getRepository(UserEntity).find();
  },
};
