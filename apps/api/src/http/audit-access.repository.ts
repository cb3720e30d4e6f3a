import { EntityManager } from 'typeorm';

/** A record that belongs to a case, named by a route parameter. */
export type CaseOwned = 'document' | 'attachment' | 'task' | 'assessment';

const CASE_OF: Record<CaseOwned, string> = {
  document: `SELECT case_id AS id FROM document WHERE id = $1`,
  attachment: `SELECT case_id AS id FROM attachment WHERE id = $1`,
  assessment: `SELECT case_id AS id FROM assessment WHERE id = $1`,
  task: `SELECT c.id FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id WHERE t.id = $1`,
};

/** What the access record looks up: the case a read document, attachment, task or assessment belongs to. */
export const auditAccessRepository = {
  /** The case's id, or null when the record does not exist (or belongs to no case). */
  async caseOf(em: EntityManager, kind: CaseOwned, id: string): Promise<string | null> {
    const rows: { id: string | null }[] = await em.query(CASE_OF[kind], [id]);
    return rows[0]?.id ?? null;
  },
};
