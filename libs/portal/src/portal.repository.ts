import { EntityManager, In } from 'typeorm';
import {
  AuthorizationSignatureEntity,
  CaseEntity,
  RegionEntity,
  TaskEntity,
  TimerEntity,
} from '@app/persistence';

/** What the applicant portal reads: the applicant's own cases and the progress of their processes. */
export const portalRepository = {
  /** Documents of the case that have a 送达 on record. */
  async servedDocumentIds(em: EntityManager, caseId: string): Promise<Set<string>> {
    const rows: { document_id: string }[] = await em.query(
      `SELECT DISTINCT document_id FROM service_record WHERE case_id = $1`,
      [caseId],
    );
    return new Set(rows.map((r) => r.document_id));
  },
  /** The recipient's latest electronic-service consent for the case (the 电子送达确认书). */
  async electronicConsent(
    em: EntityManager,
    caseId: string,
    recipient: string,
  ): Promise<{ id: string; address: string } | null> {
    const [row]: { id: string; address: string }[] = await em.query(
      `SELECT id, address FROM service_consent
       WHERE case_id = $1 AND recipient = $2 ORDER BY recorded_at DESC LIMIT 1`,
      [caseId, recipient],
    );
    return row ?? null;
  },
  /** An electronic 送达 by the applicant's own download: no 送达回证, the consent is its authority. */
  async insertElectronicService(
    em: EntityManager,
    r: {
      id: string;
      caseId: string;
      documentId: string;
      servedOn: string;
      recipient: string;
      address: string;
      evidence: string;
      consentId: string;
      remedy: boolean;
      recordedBy: string;
      recordedAt: Date;
    },
  ): Promise<void> {
    await em.query(
      `INSERT INTO service_record (id, case_id, document_id, receipt_document_id, method, served_on, deemed_served_on,
         recipient, address, servers, witnesses, evidence, consent_id, remedy, recorded_by, recorded_at)
       VALUES ($1, $2, $3, NULL, 'electronic', $4, $4, $5, $6, '{}', '{}', $7, $8, $9, $10, $11)`,
      [
        r.id,
        r.caseId,
        r.documentId,
        r.servedOn,
        r.recipient,
        r.address,
        r.evidence,
        r.consentId,
        r.remedy,
        r.recordedBy,
        r.recordedAt,
      ],
    );
  },
  /** Documents of the case served on the named recipient (a procedure's documents the household receives). */
  async documentIdsServedOn(em: EntityManager, caseId: string, recipient: string): Promise<Set<string>> {
    const rows: { document_id: string }[] = await em.query(
      `SELECT DISTINCT document_id FROM service_record WHERE case_id = $1 AND recipient = $2`,
      [caseId, recipient],
    );
    return new Set(rows.map((r) => r.document_id));
  },
  /**
   * Procedures under the given applications, at any depth, that served a document on the
   * household's applicant (by name, as the 送达 recorded it): the ones the applicant sees.
   */
  async servedProceduresUnder(em: EntityManager, applicationIds: string[]): Promise<CaseEntity[]> {
    if (!applicationIds.length) return [];
    const rows: { id: string }[] = await em.query(
      `WITH RECURSIVE down AS (
         SELECT c.id, 1 AS depth FROM assistance_case c WHERE c.parent_case_id = ANY($1::uuid[]) AND c.kind = 'procedure'
         UNION ALL
         SELECT c.id, down.depth + 1 FROM assistance_case c JOIN down ON c.parent_case_id = down.id
          WHERE c.kind = 'procedure' AND down.depth < 8)
       SELECT DISTINCT down.id FROM down
       JOIN assistance_case c ON c.id = down.id
       WHERE EXISTS (SELECT 1 FROM service_record s WHERE s.case_id = c.id AND s.recipient = c.applicant_name)`,
      [applicationIds],
    );
    if (!rows.length) return [];
    return em
      .getRepository(CaseEntity)
      .find({ where: { id: In(rows.map((r) => r.id)) }, order: { createdAt: 'DESC' } });
  },
  /** The latest change of each case's benefit (增发、减发、停发…), by case id. */
  async latestBenefitChanges(
    em: EntityManager,
    caseIds: string[],
  ): Promise<Map<string, { action: string; amountFen: number | null; effectiveMonth: string }>> {
    if (!caseIds.length) return new Map();
    const rows: { case_id: string; action: string; amount_fen: number | null; effective_month: string }[] =
      await em.query(
        `SELECT DISTINCT ON (case_id) case_id, action, amount_fen, effective_month FROM benefit_change
          WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, created_at DESC, id DESC`,
        [caseIds],
      );
    return new Map(
      rows.map((r) => [
        r.case_id,
        { action: r.action, amountFen: r.amount_fen, effectiveMonth: r.effective_month },
      ]),
    );
  },
  /** Cases the user filed, newest first. */
  casesFiledBy(em: EntityManager, userId: string): Promise<CaseEntity[]> {
    return em.getRepository(CaseEntity).find({ where: { createdBy: userId }, order: { createdAt: 'DESC' } });
  },
  signature(em: EntityManager, caseId: string): Promise<AuthorizationSignatureEntity | null> {
    return em.getRepository(AuthorizationSignatureEntity).findOne({ where: { caseId } });
  },
  /** Children of a region, or the top-level regions without a parent, by code. */
  regionChildren(em: EntityManager, parent?: string): Promise<RegionEntity[]> {
    const qb = em.getRepository(RegionEntity).createQueryBuilder('r').orderBy('r.code', 'ASC');
    if (parent) qb.where('r.parent_code = :parent', { parent });
    else qb.where('r.parent_code IS NULL');
    return qb.getMany();
  },
  /** Tasks of the instances, oldest first. */
  tasks(em: EntityManager, instanceIds: string[]): Promise<TaskEntity[]> {
    return em
      .getRepository(TaskEntity)
      .find({ where: { instanceId: In(instanceIds) }, order: { createdAt: 'ASC' } });
  },
  /** Pending timers of the instances, soonest first. */
  pendingTimers(em: EntityManager, instanceIds: string[]): Promise<TimerEntity[]> {
    return em
      .getRepository(TimerEntity)
      .find({ where: { instanceId: In(instanceIds), status: 'pending' }, order: { dueAt: 'ASC' } });
  },
  /** The BPMN source each instance runs, by instance id. */
  async processSources(em: EntityManager, instanceIds: string[]): Promise<Map<string, string>> {
    const rows: { id: string; source: string }[] = await em.query(
      `SELECT i.id, d.source FROM process_instance i JOIN process_definition d ON d.id = i.definition_id
       WHERE i.id = ANY($1)`,
      [instanceIds],
    );
    return new Map(rows.map((r) => [r.id, r.source] as const));
  },
};
