import { EntityManager } from 'typeorm';
import type { CaseUrgency } from '../linshi/linshi-rules';

/** One open task with its case, as the inbox query selects it. */
export interface InboxRow {
  taskId: string;
  name: string;
  elementId: string;
  dueDate: string | null;
  dueDateCertain: boolean;
  createdAt: Date;
  caseId: string;
  caseNo: string;
  applicantName: string;
  regionCode: string;
  program: string;
  caseUrgency: CaseUrgency | null;
  instanceId: string;
  candidateGroups: string[];
  applicantIdNumber: string;
  household: { idNumber: string }[];
  townshipName: string | null;
  definitionId: string;
  hardshipIndex: number | null;
}

/**
 * The inbox query. `where` and `orderBy` are SQL fragments the workbench builds from fixed
 * pieces; every value the user chose is a positional parameter in `params`.
 */
export const inboxRepository = {
  openTasks(em: EntityManager, where: string[], orderBy: string, params: unknown[]): Promise<InboxRow[]> {
    return em.query(
      `SELECT t.id AS "taskId", t.name, t.element_id AS "elementId",
                  to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate", t.due_date_certain AS "dueDateCertain",
                  t.created_at AS "createdAt", c.id AS "caseId", c.case_no AS "caseNo",
                  c.applicant_name AS "applicantName", c.region_code AS "regionCode", c.program,
                  c.urgency AS "caseUrgency", t.instance_id AS "instanceId", t.candidate_groups AS "candidateGroups",
                  c.applicant_id_number AS "applicantIdNumber", c.household,
                  r.name AS "townshipName", i.definition_id AS "definitionId",
                  h.hardship_index::float AS "hardshipIndex"
           FROM task t
           JOIN assistance_case c ON c.process_instance_id = t.instance_id
           JOIN process_instance i ON i.id = t.instance_id
           LEFT JOIN region r ON r.code = substr(c.region_code, 1, 9)
           LEFT JOIN LATERAL (
             SELECT a.hardship_index FROM assessment a WHERE a.case_id = c.id ORDER BY a.created_at DESC LIMIT 1
           ) h ON true
           WHERE ${where.join(' AND ')}
           ORDER BY ${orderBy}`,
      params,
    );
  },
};
