import { EntityManager } from 'typeorm';
import {
  AssessmentEntity,
  AuditEntity,
  CaseEntity,
  TaskEntity,
  entityFromJson,
  entityJson,
  preparedQuery,
} from '@app/persistence';
import { caseTimelineJson } from '@app/audit';
import { openIncidentJson } from '@app/workflow';
import type { CaseInstanceSummary } from './case-process.repository';
import type { ChildCaseSummary } from './case.repository';
import type { DocumentListing } from './case.service';

/** Everything the case page shows of the case itself, read together. */
export interface CaseDetailRows {
  kase: CaseEntity;
  instance: CaseInstanceSummary;
  /** In the order they opened. */
  tasks: TaskEntity[];
  /** In issue order, each with whether its render failed while it is pending. */
  documents: (DocumentListing & { renderFailure: true | null })[];
  /** The acts on the case (not the reads), in order. */
  timeline: AuditEntity[];
  /** Newest first. */
  assessments: AssessmentEntity[];
  /** "平安县城关镇东关村": the names from the county down to the case's region. */
  regionPath: string;
  parent: { id: string; caseNo: string; program: string } | null;
  /** Procedures and applications started from this case, oldest first. */
  children: ChildCaseSummary[];
  /** The applicant account that applied online, or null when staff registered the case. */
  applicantAccount: string | null;
  /** The oldest open incident of the case's process. */
  incident: { id: string; kind: string; elementName: string | null; cause: string; createdAt: Date } | null;
  /** The value of the `more` SQL the caller added (parsed JSON), or undefined without one. */
  more: unknown;
}

type Json = Record<string, unknown>;

/**
 * The case page's reads in one statement (a case page is read far more often than it changes,
 * and each read was a round trip of its own): the case, its process, tasks, documents, timeline,
 * assessments, region names, parent and children, the applicant's account and an open incident;
 * `more` is what another area shows of the case beside them (SQL over the case row `k`, its id
 * also `$1`), read in the same statement. Its text is the same for every case, and every plan in it
 * is a lookup by key: it is kept prepared (`preparedQuery`), planned once per connection.
 */
export const caseDetailRepository = {
  async detail(em: EntityManager, caseId: string, more?: string): Promise<CaseDetailRows | null> {
    const [row] = await preparedQuery<Json>(
      em,
      `SELECT ${entityJson(em, CaseEntity, 'k')} AS "case",
         (SELECT json_build_object('version', i.version, 'status', i.status, 'outcome', i.outcome,
                   'definitionId', d.id, 'key', d.key, 'definitionVersion', d.version)
            FROM process_instance i JOIN process_definition d ON d.id = i.definition_id
           WHERE i.id = k.process_instance_id) AS instance,
         (SELECT coalesce(jsonb_agg(${entityJson(em, TaskEntity, 't')} ORDER BY t.created_at), '[]')
            FROM task t WHERE t.instance_id = k.process_instance_id) AS tasks,
         (SELECT coalesce(json_agg(json_build_object('id', d.id, 'title', d.title, 'number', d.number,
                   'templateId', d.template_id, 'templateVersion', d.template_version, 'issuedAt', d.issued_at,
                   'status', d.status, 'verifyCode', d.verify_code, 'pdfSha256', d.pdf_sha256,
                   'failed', f.document_id IS NOT NULL) ORDER BY d.issued_at, d.seq), '[]')
            FROM document d LEFT JOIN document_render_failure f ON f.document_id = d.id
           WHERE d.case_id = k.id) AS documents,
         ${caseTimelineJson(em, 'k.id')} AS timeline,
         (SELECT coalesce(jsonb_agg(${entityJson(em, AssessmentEntity, 'a')} ORDER BY a.created_at DESC), '[]')
            FROM assessment a WHERE a.case_id = k.id) AS assessments,
         (WITH RECURSIVE up AS (
            SELECT code, name, parent_code, 0 AS depth FROM region WHERE code = k.region_code
            UNION ALL SELECT r.code, r.name, r.parent_code, up.depth + 1 FROM region r JOIN up ON r.code = up.parent_code
          ) SELECT coalesce(string_agg(name, '' ORDER BY depth DESC), '') FROM up) AS "regionPath",
         (SELECT json_build_object('id', p.id, 'caseNo', p.case_no, 'program', p.program)
            FROM assistance_case p WHERE p.id = k.parent_case_id) AS parent,
         (SELECT coalesce(json_agg(json_build_object('id', c.id, 'caseNo', c.case_no, 'kind', c.kind,
                   'processKey', d.key, 'processName', d.name, 'status', c.status, 'outcome', c.outcome,
                   'createdAt', c.created_at) ORDER BY c.created_at, c.case_no), '[]')
            FROM assistance_case c
            JOIN process_instance i ON i.id = c.process_instance_id
            JOIN process_definition d ON d.id = i.definition_id
           WHERE c.parent_case_id = k.id) AS children,
         (SELECT u.id FROM app_user u WHERE u.id = k.created_by AND u.role = 'applicant') AS "applicantAccount",
         ${openIncidentJson('k.process_instance_id')} AS incident${
           more
             ? `,
         ${more} AS more`
             : ''
         }
       FROM assistance_case k WHERE k.id = $1`,
      [caseId],
    );
    if (!row) return null;
    // A listing, not the documents: their frozen data (kilobytes each) is not shown on the page.
    const documents = (row.documents as (DocumentListing & { issuedAt: string; failed: boolean })[]).map(
      ({ failed, ...d }) => ({ ...d, issuedAt: new Date(d.issuedAt), renderFailure: failed || null }),
    );
    const incident = row.incident as (Json & CaseDetailRows['incident']) | null;
    return {
      kase: entityFromJson(em, CaseEntity, row.case as Json),
      instance: row.instance as CaseInstanceSummary,
      tasks: (row.tasks as Json[]).map((t) => entityFromJson(em, TaskEntity, t)),
      documents,
      timeline: (row.timeline as Json[]).map((e) => entityFromJson(em, AuditEntity, e)),
      assessments: (row.assessments as Json[]).map((a) => entityFromJson(em, AssessmentEntity, a)),
      regionPath: row.regionPath as string,
      parent: row.parent as CaseDetailRows['parent'],
      children: (row.children as (ChildCaseSummary & { createdAt: string })[]).map((c) => ({
        ...c,
        createdAt: new Date(c.createdAt),
      })),
      applicantAccount: row.applicantAccount as string | null,
      incident: incident && { ...incident, createdAt: new Date(incident.createdAt) },
      more: row.more,
    };
  },
};
