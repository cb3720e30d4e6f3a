import { EntityManager } from 'typeorm';
import { AssessmentEntity } from '@app/persistence';
import type { OtherCase } from './case-facts';

/** Reads for the case-level fact checks: other cases holding the same people, earlier proposals. */
export const caseFactsRepository = {
  /**
   * Application cases other than `excludeCaseId` that are being decided or whose household
   * receives the benefit, and hold one of `idNumbers` or were applied for online by `accountId`.
   */
  async openOrActiveWith(
    em: EntityManager,
    input: { idNumbers: string[]; accountId: string | null; excludeCaseId: string | null },
  ): Promise<OtherCase[]> {
    const rows: {
      id: string;
      case_no: string;
      program: string;
      status: string;
      benefit_status: string | null;
      household: { idNumber: string }[];
      account_id: string | null;
    }[] = await em.query(
      `SELECT c.id, c.case_no, c.program, c.status, c.benefit_status, c.household,
              CASE WHEN u.role = 'applicant' THEN c.created_by END AS account_id
       FROM assistance_case c
       LEFT JOIN app_user u ON u.id = c.created_by
       WHERE c.kind = 'application'
         AND ($3::uuid IS NULL OR c.id <> $3::uuid)
         AND (c.status = 'in_progress' OR c.benefit_status IN ('active', 'gradual_exit'))
         AND (EXISTS (SELECT 1 FROM jsonb_array_elements(c.household) m WHERE m->>'idNumber' = ANY($1::text[]))
              OR (u.role = 'applicant' AND c.created_by = $2::uuid))
       ORDER BY c.created_at`,
      [input.idNumbers, input.accountId, input.excludeCaseId],
    );
    return rows.map((r) => ({
      id: r.id,
      caseNo: r.case_no,
      program: r.program,
      status: r.status,
      benefitStatus: r.benefit_status,
      householdIds: r.household.map((m) => m.idNumber),
      applicantAccountId: r.account_id,
    }));
  },

  /** The most recent 初审 (a completed step that gave an `opinion`) of the instance, typed values. */
  async lastProposal(em: EntityManager, instanceId: string): Promise<Record<string, unknown> | null> {
    const rows: { data: Record<string, unknown> }[] = await em.query(
      `SELECT data FROM task WHERE instance_id = $1 AND status = 'completed' AND data ? 'opinion'
       ORDER BY completed_at DESC LIMIT 1`,
      [instanceId],
    );
    return rows[0]?.data ?? null;
  },

  /** Every assessment of the case, newest first: the history a re-run is recorded against. */
  history(em: EntityManager, caseId: string): Promise<AssessmentEntity[]> {
    return em.getRepository(AssessmentEntity).find({ where: { caseId }, order: { createdAt: 'DESC' } });
  },

  async applicantIdsOfAccount(em: EntityManager, accountId: string): Promise<string[]> {
    const rows: { applicant_id_number: string }[] = await em.query(
      `SELECT DISTINCT applicant_id_number FROM assistance_case WHERE created_by = $1 AND kind = 'application'`,
      [accountId],
    );
    return rows.map((r) => r.applicant_id_number);
  },

  /** The applicant account that applied online for the case, or null when staff registered it. */
  async applicantAccount(em: EntityManager, caseId: string): Promise<string | null> {
    const rows: { id: string }[] = await em.query(
      `SELECT u.id FROM assistance_case c JOIN app_user u ON u.id = c.created_by
       WHERE c.id = $1 AND u.role = 'applicant'`,
      [caseId],
    );
    return rows[0]?.id ?? null;
  },
};
