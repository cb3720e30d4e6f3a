import { EntityManager } from 'typeorm';
import { AssessmentEntity } from '@app/persistence';
import type { OtherCase } from './case-facts';

/** Applications being decided or receiving a benefit: what one benefit once compares against. */
const OPEN_OR_ACTIVE = (alias: string) =>
  `${alias}.kind = 'application' AND (${alias}.status = 'in_progress' OR ${alias}.benefit_status IN ('active', 'gradual_exit'))`;

/** Reads for the case-level fact checks: other cases holding the same people, earlier proposals. */
export const caseFactsRepository = {
  /**
   * Serialises applications naming the same people until the transaction ends, so two concurrent
   * applies cannot both find no other case (ids in sorted order: no deadlock between two households).
   */
  async lockResidentIds(em: EntityManager, idNumbers: string[]): Promise<void> {
    for (const id of [...new Set(idNumbers)].sort())
      await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`resident:${id}`]);
  },

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
      // Two index lookups (migration 1767300000001): by a member's ID number, and by the
      // applicant's own account. The predicates repeat the indexes' own so the planner can use them.
      `SELECT c.id, c.case_no, c.program, c.status, c.benefit_status, c.household,
              CASE WHEN u.role = 'applicant' THEN c.created_by END AS account_id
       FROM assistance_case c
       LEFT JOIN app_user u ON u.id = c.created_by
       WHERE c.id IN (
           SELECT m.id FROM assistance_case m
           WHERE ${OPEN_OR_ACTIVE('m')} AND jsonb_path_query_array(m.household, '$[*].idNumber') ?| $1::text[]
           UNION
           SELECT a.id FROM assistance_case a JOIN app_user au ON au.id = a.created_by
           WHERE ${OPEN_OR_ACTIVE('a')} AND a.created_by = $2::uuid AND au.role = 'applicant')
         AND ($3::uuid IS NULL OR c.id <> $3::uuid)
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

  /**
   * The instance's completed steps, oldest first, the last days of the 公示 it posted (the dates a
   * later step of the same procedure cannot precede) and when its latest 公示 was issued.
   */
  async earlierSteps(
    em: EntityManager,
    instanceId: string,
  ): Promise<{
    steps: { name: string; form: object[]; data: Record<string, unknown> | null; completedAt: Date }[];
    notices: { endDate: string }[];
    lastNoticeAt: Date | null;
  }> {
    const steps: {
      name: string;
      form: object[];
      data: Record<string, unknown> | null;
      completed_at: Date;
    }[] = await em.query(
      `SELECT name, form, data, completed_at FROM task
         WHERE instance_id = $1 AND status = 'completed' ORDER BY completed_at`,
      [instanceId],
    );
    // Each case runs one procedure (one instance): the 公示 documents of the case are its own.
    const notices: { end_date: string | null; issued_at: Date }[] = await em.query(
      `SELECT d.data->'publicNotice'->>'endDate' AS end_date, d.issued_at
       FROM document d JOIN assistance_case c ON c.id = d.case_id
       WHERE c.process_instance_id = $1 AND d.template_id LIKE '%public-notice'`,
      [instanceId],
    );
    const issued = notices.map((r) => new Date(r.issued_at).getTime());
    return {
      steps: steps.map((r) => ({ name: r.name, form: r.form, data: r.data, completedAt: r.completed_at })),
      notices: notices.flatMap((r) => (r.end_date === null ? [] : [{ endDate: r.end_date }])),
      lastNoticeAt: issued.length ? new Date(Math.max(...issued)) : null,
    };
  },
};
