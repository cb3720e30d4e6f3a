import { EntityManager } from 'typeorm';
import {
  BenefitChangeEntity,
  CaseEntity,
  ReviewCohortEntity,
  ReviewCohortMemberEntity,
} from '@app/persistence';

export interface CohortMemberRow {
  caseId: string;
  caseNo: string;
  applicantName: string;
  regionCode: string;
  reviewCategory: 'stable' | 'unstable';
  dueDate: string;
  benefitAmountFen: number | null;
  procedureCaseId: string | null;
  procedureCaseNo: string | null;
  procedureStatus: string | null;
  procedureOutcome: string | null;
}

/** The only code that reads or writes the benefit ledger and the review cohorts. */
export const benefitRepository = {
  /** The beneficiary case a case belongs to: itself, or the application its procedure runs on. */
  async root(em: EntityManager, caseId: string): Promise<CaseEntity | null> {
    let kase = await em.getRepository(CaseEntity).findOne({ where: { id: caseId } });
    for (let depth = 0; kase?.parentCaseId && depth < 10; depth++) {
      kase = await em.getRepository(CaseEntity).findOne({ where: { id: kase.parentCaseId } });
    }
    return kase;
  },
  lockCase(em: EntityManager, caseId: string): Promise<CaseEntity | null> {
    return em
      .getRepository(CaseEntity)
      .findOne({ where: { id: caseId }, lock: { mode: 'pessimistic_write' } });
  },
  insertChange(em: EntityManager, row: BenefitChangeEntity) {
    return em.getRepository(BenefitChangeEntity).insert(row);
  },
  changes(em: EntityManager, caseId: string): Promise<BenefitChangeEntity[]> {
    return em
      .getRepository(BenefitChangeEntity)
      .find({ where: { caseId }, order: { createdAt: 'ASC', id: 'ASC' } });
  },

  /** Beneficiaries of a region due for review on or before `lastDay` (active or in 渐退期). */
  dueForReview(em: EntityManager, regionPrefix: string, lastDay: string): Promise<CaseEntity[]> {
    return em
      .getRepository(CaseEntity)
      .createQueryBuilder('c')
      .where('c.region_code LIKE :prefix', { prefix: `${regionPrefix}%` })
      .andWhere(`c.kind = 'application'`)
      .andWhere(`c.benefit_status IN ('active', 'gradual_exit')`)
      .andWhere('c.next_review_date <= :lastDay', { lastDay })
      .orderBy('c.next_review_date', 'ASC')
      .addOrderBy('c.case_no', 'ASC')
      .getMany();
  },
  /** Open review procedures of a case (a case under review is not put in a second cohort's review). */
  async openProcedure(em: EntityManager, caseId: string, processKey: string): Promise<string | null> {
    const rows: { id: string }[] = await em.query(
      `SELECT c.id FROM assistance_case c
       JOIN process_instance i ON i.id = c.process_instance_id
       JOIN process_definition d ON d.id = i.definition_id
       WHERE c.parent_case_id = $1 AND c.status = 'in_progress' AND d.key = $2 LIMIT 1`,
      [caseId, processKey],
    );
    return rows[0]?.id ?? null;
  },

  cohort(em: EntityManager, id: string): Promise<ReviewCohortEntity | null> {
    return em.getRepository(ReviewCohortEntity).findOne({ where: { id } });
  },
  cohortFor(em: EntityManager, regionCode: string, period: string): Promise<ReviewCohortEntity | null> {
    return em.getRepository(ReviewCohortEntity).findOne({ where: { regionCode, period } });
  },
  insertCohort(em: EntityManager, row: ReviewCohortEntity) {
    return em.getRepository(ReviewCohortEntity).insert(row);
  },
  insertMember(em: EntityManager, row: ReviewCohortMemberEntity) {
    return em.getRepository(ReviewCohortMemberEntity).insert(row);
  },
  async cohortsWithin(em: EntityManager, regionPrefix: string) {
    const rows: {
      id: string;
      region_code: string;
      period: string;
      created_at: Date;
      members: string;
      closed: string;
    }[] = await em.query(
      `SELECT k.id, k.region_code, k.period, k.created_at,
              count(m.case_id) AS members,
              count(p.id) FILTER (WHERE p.status = 'closed') AS closed
       FROM review_cohort k
       LEFT JOIN review_cohort_member m ON m.cohort_id = k.id
       LEFT JOIN assistance_case p ON p.id = m.procedure_case_id
       WHERE k.region_code LIKE $1
       GROUP BY k.id ORDER BY k.period DESC, k.region_code`,
      [`${regionPrefix}%`],
    );
    return rows.map((r) => ({
      id: r.id,
      regionCode: r.region_code,
      period: r.period,
      createdAt: r.created_at,
      members: Number(r.members),
      closed: Number(r.closed),
    }));
  },
  async members(em: EntityManager, cohortId: string): Promise<CohortMemberRow[]> {
    const rows: any[] = await em.query(
      `SELECT m.case_id, c.case_no, c.applicant_name, c.region_code, m.review_category, to_char(m.due_date, 'YYYY-MM-DD') AS due_date,
              c.benefit_amount_fen, m.procedure_case_id, p.case_no AS p_case_no, p.status AS p_status,
              p.outcome AS p_outcome
       FROM review_cohort_member m
       JOIN assistance_case c ON c.id = m.case_id
       LEFT JOIN assistance_case p ON p.id = m.procedure_case_id
       WHERE m.cohort_id = $1 ORDER BY m.review_category, c.case_no`,
      [cohortId],
    );
    return rows.map((r) => ({
      caseId: r.case_id,
      caseNo: r.case_no,
      applicantName: r.applicant_name,
      regionCode: r.region_code,
      reviewCategory: r.review_category,
      dueDate: r.due_date,
      benefitAmountFen: r.benefit_amount_fen,
      procedureCaseId: r.procedure_case_id,
      procedureCaseNo: r.p_case_no,
      procedureStatus: r.p_status,
      procedureOutcome: r.p_outcome,
    }));
  },
};
