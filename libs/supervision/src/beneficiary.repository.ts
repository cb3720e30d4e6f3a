import { EntityManager } from 'typeorm';
import { CaseEntity } from '@app/persistence';
import { ACTIVE_BENEFIT_SQL } from './monitoring/monitoring.repository';

/** A beneficiary household as the public listing shows it (审核确认办法第二十四条: name, size, amount). */
export interface ListedBeneficiaryRow {
  name: string;
  program: string;
  householdSize: number;
  amount: number | null;
}

/** Who is on assistance now: the public listing and the population of a random re-check. */
export const beneficiaryRepository = {
  /** Active beneficiaries of one village, by program and name. */
  listedIn(em: EntityManager, villageCode: string): Promise<ListedBeneficiaryRow[]> {
    return em.query(
      `SELECT c.applicant_name AS name, c.program,
              jsonb_array_length(c.household) AS "householdSize", c.benefit_amount_fen AS amount
       FROM assistance_case c
       WHERE c.region_code = $1 AND ${ACTIVE_BENEFIT_SQL}
       ORDER BY c.program, c.applicant_name, c.case_no`,
      [villageCode],
    );
  },
  /** Active beneficiaries of a program within a region. */
  activeWithin(em: EntityManager, regionPrefix: string, program: string): Promise<CaseEntity[]> {
    return em
      .getRepository(CaseEntity)
      .createQueryBuilder('c')
      .where('c.region_code LIKE :prefix', { prefix: `${regionPrefix}%` })
      .andWhere('c.program = :program', { program })
      .andWhere(ACTIVE_BENEFIT_SQL)
      .getMany();
  },
};
