import { EntityManager, LessThanOrEqual } from 'typeorm';
import {
  AssessmentEntity,
  OrganEntity,
  CaseEntity,
  DocumentEntity,
  DocumentRenderFailureEntity,
  RegionEntity,
  entityRow,
  entityRowOrFail,
  entityRows,
} from '@app/persistence';
import type { EarlierDocument } from './document-data';

export interface ChildCaseSummary {
  id: string;
  caseNo: string;
  kind: string;
  processKey: string;
  processName: string;
  status: string;
  outcome: string | null;
  createdAt: Date;
}

/** The only code that reads or writes cases and their documents. */
export const caseRepository = {
  // Plain SQL (`entityRow`): a step reads its case several times, and TypeORM's query building
  // and hydration cost more than the database's lookup by key.
  byInstance(em: EntityManager, processInstanceId: string): Promise<CaseEntity | null> {
    return entityRow(em, CaseEntity, 'c', 'WHERE c.process_instance_id = $1 LIMIT 1', [processInstanceId]);
  },
  byInstanceOrFail(em: EntityManager, processInstanceId: string): Promise<CaseEntity> {
    return entityRowOrFail(
      em,
      CaseEntity,
      'c',
      'WHERE c.process_instance_id = $1 LIMIT 1',
      [processInstanceId],
      {
        processInstanceId,
      },
    );
  },
  byId(em: EntityManager, id: string): Promise<CaseEntity | null> {
    return entityRow(em, CaseEntity, 'c', 'WHERE c.id = $1', [id]);
  },
  /** The case, row-locked until the transaction ends when `lock` (a change follows). */
  byIdLockable(em: EntityManager, id: string, lock: boolean): Promise<CaseEntity | null> {
    return entityRow(em, CaseEntity, 'c', `WHERE c.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  },
  insert(em: EntityManager, row: CaseEntity) {
    return em.getRepository(CaseEntity).insert(row);
  },
  update(em: EntityManager, id: string, patch: Partial<CaseEntity>) {
    return em.getRepository(CaseEntity).update({ id }, patch);
  },
  listWithin(em: EntityManager, regionPrefix: string, limit = 200): Promise<CaseEntity[]> {
    return em
      .getRepository(CaseEntity)
      .createQueryBuilder('c')
      .where('c.region_code LIKE :prefix', { prefix: `${regionPrefix}%` })
      .orderBy('c.created_at', 'DESC')
      .limit(limit)
      .getMany();
  },
  /** "平安县城关镇东关村": the names from the county down to the region itself. */
  async regionPath(em: EntityManager, code: string): Promise<string> {
    const rows: { name: string }[] = await em.query(
      `WITH RECURSIVE up AS (
         SELECT code, name, parent_code, 0 AS depth FROM region WHERE code = $1
         UNION ALL SELECT r.code, r.name, r.parent_code, up.depth + 1 FROM region r JOIN up ON r.code = up.parent_code
       ) SELECT name FROM up ORDER BY depth DESC`,
      [code],
    );
    return rows.map((r) => r.name).join('');
  },

  /** Procedures and applications started from this case, oldest first. */
  async children(em: EntityManager, caseId: string): Promise<ChildCaseSummary[]> {
    const rows: {
      id: string;
      case_no: string;
      kind: string;
      key: string;
      name: string;
      status: string;
      outcome: string | null;
      created_at: Date;
    }[] = await em.query(
      `SELECT c.id, c.case_no, c.kind, d.key, d.name, c.status, c.outcome, c.created_at
       FROM assistance_case c
       JOIN process_instance i ON i.id = c.process_instance_id
       JOIN process_definition d ON d.id = i.definition_id
       WHERE c.parent_case_id = $1 ORDER BY c.created_at, c.case_no`,
      [caseId],
    );
    return rows.map((r) => ({
      id: r.id,
      caseNo: r.case_no,
      kind: r.kind,
      processKey: r.key,
      processName: r.name,
      status: r.status,
      outcome: r.outcome,
      createdAt: r.created_at,
    }));
  },

  region(em: EntityManager, code: string): Promise<RegionEntity | null> {
    return em.getRepository(RegionEntity).findOne({ where: { code } });
  },
  /** Several regions in one read, by code (absent codes are absent from the map). */
  async regions(em: EntityManager, codes: string[]): Promise<Map<string, RegionEntity>> {
    const rows = await entityRows(em, RegionEntity, 'r', 'WHERE r.code = ANY($1::varchar[])', [
      [...new Set(codes)],
    ]);
    return new Map(rows.map((r) => [r.code, r]));
  },
  /** The organ acting for a region on a date (YYYY-MM-DD): the newest version in force then. */
  organ(em: EntityManager, regionCode: string, onDate: string): Promise<OrganEntity | null> {
    return em.getRepository(OrganEntity).findOne({
      where: { regionCode, effectiveFrom: LessThanOrEqual(onDate) },
      order: { effectiveFrom: 'DESC' },
    });
  },
  /** The organs in force on a date for several regions in one read (absent codes are absent). */
  async organsInForce(
    em: EntityManager,
    regionCodes: string[],
    onDate: string,
  ): Promise<Map<string, OrganEntity>> {
    const rows: {
      region_code: string;
      effective_from: string;
      name: string;
      abbr: string;
      level: OrganEntity['level'];
      seal_text: string;
      review_government: string;
      court: string;
      address: string | null;
      phone: string | null;
    }[] = await em.query(
      `SELECT DISTINCT ON (region_code) region_code, to_char(effective_from, 'YYYY-MM-DD') AS effective_from,
              name, abbr, level, seal_text, review_government, court, address, phone
         FROM organ WHERE region_code = ANY($1::varchar[]) AND effective_from <= $2::date
        ORDER BY region_code, effective_from DESC`,
      [regionCodes, onDate],
    );
    return new Map(
      rows.map((r) => [
        r.region_code,
        {
          regionCode: r.region_code,
          effectiveFrom: r.effective_from,
          name: r.name,
          abbr: r.abbr,
          level: r.level,
          sealText: r.seal_text,
          reviewGovernment: r.review_government,
          court: r.court,
          address: r.address,
          phone: r.phone,
        },
      ]),
    );
  },
  latestAssessment(em: EntityManager, caseId: string): Promise<AssessmentEntity | null> {
    return entityRow(em, AssessmentEntity, 'a', 'WHERE a.case_id = $1 ORDER BY a.created_at DESC LIMIT 1', [
      caseId,
    ]);
  },
  document(em: EntityManager, id: string): Promise<DocumentEntity | null> {
    return em.getRepository(DocumentEntity).findOne({ where: { id } });
  },
  insertDocument(em: EntityManager, row: DocumentEntity) {
    return em.getRepository(DocumentEntity).insert(row);
  },
  /** A case's documents in issue order, each with its failed renders while it is still pending. */
  /**
   * The case's documents as a new one reads them (`EarlierDocument`), oldest first: reading their
   * data snapshots made the database print and Node parse every earlier document on each issue.
   */
  async earlierDocuments(em: EntityManager, caseId: string): Promise<EarlierDocument[]> {
    const rows: { template_id: string; number: string | null; title: string; service_date: unknown }[] =
      await em.query(
        `SELECT template_id, number, title, data->'form'->'serviceDate' AS service_date
           FROM document WHERE case_id = $1 ORDER BY issued_at, seq`,
        [caseId],
      );
    return rows.map((r) => ({
      templateId: r.template_id,
      number: r.number,
      title: r.title,
      data: r.service_date === null ? {} : { form: { serviceDate: r.service_date } },
    }));
  },

  documents(em: EntityManager, caseId: string): Promise<DocumentEntity[]> {
    return em
      .getRepository(DocumentEntity)
      .createQueryBuilder('d')
      .leftJoinAndMapOne('d.renderFailure', DocumentRenderFailureEntity, 'f', 'f.document_id = d.id')
      .where('d.case_id = :caseId', { caseId })
      .orderBy('d.issued_at', 'ASC')
      .addOrderBy('d.seq', 'ASC')
      .getMany();
  },
};
