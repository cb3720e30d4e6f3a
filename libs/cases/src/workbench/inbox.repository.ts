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

/** What an inbox shows: the user's duties and region, the filters chosen, and the order. */
export interface InboxQuery {
  duties: string[];
  regionCode: string;
  program?: string;
  township?: string;
  dueBefore?: string;
  urgency?: string;
  sort: 'due' | 'hardship' | 'created' | 'urgency';
  order: 'asc' | 'desc';
}

/** Builds the WHERE and ORDER BY from fixed pieces; every value chosen is a positional parameter. */
function inboxSql(q: InboxQuery): { where: string[]; orderBy: string; params: unknown[] } {
  const params: unknown[] = [q.duties, `${q.regionCode}%`];
  const where = [`t.status = 'open'`, `t.candidate_groups && $1::text[]`, `c.region_code LIKE $2`];
  const filter = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(sql(params.length));
  };
  if (q.program) filter((n) => `c.program = $${n}`, q.program);
  if (q.township) filter((n) => `c.region_code LIKE $${n}`, `${q.township}%`);
  if (q.dueBefore) filter((n) => `t.due_date <= $${n}`, q.dueBefore);
  if (q.urgency) filter((n) => `c.urgency = $${n}`, q.urgency);
  const dir = q.order === 'desc' ? 'DESC' : 'ASC';
  const orderBy = {
    due: `t.due_date ${dir} NULLS LAST, t.created_at ASC`,
    hardship: `h.hardship_index ${dir} NULLS LAST, t.due_date ASC NULLS LAST, t.created_at ASC`,
    created: `t.created_at ${dir}`,
    // Most pressing colour first (desc: least pressing first); untagged cases always last.
    urgency: `CASE c.urgency WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 WHEN 'blue' THEN 2 WHEN 'green' THEN 3 END ${dir} NULLS LAST, t.due_date ASC NULLS LAST, t.created_at ASC`,
  }[q.sort];
  return { where, orderBy, params };
}

export const inboxRepository = {
  openTasks(em: EntityManager, q: InboxQuery): Promise<InboxRow[]> {
    const { where, orderBy, params } = inboxSql(q);
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
