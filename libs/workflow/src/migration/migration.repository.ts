import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';

/** A case and the instance it runs on. */
export interface CaseInstanceRow {
  id: string;
  case_no: string;
  process_instance_id: string;
  created_at: Date;
}

/** A running case on an older version than the newest of its process. */
export interface BehindCaseRow extends CaseInstanceRow {
  version: number;
  definition_id: string;
}

export interface MigrationRecord {
  instanceId: string;
  caseId: string;
  key: string;
  fromDefinitionId: string;
  toDefinitionId: string;
  fromVersion: number;
  toVersion: number;
  rename: Record<string, string>;
  waiting: unknown[];
  reason: string;
  legalBasis: string | null;
  migratedBy: string | null;
  at: Date;
}

/** The cases a model migration looks at, and its record (`process_migration`). */
export const migrationRepository = {
  /** Running cases of process `key` on a version below `newest`, oldest version first. */
  async runningBelow(em: EntityManager, key: string, newest: number): Promise<BehindCaseRow[]> {
    const rows: BehindCaseRow[] = await em.query(
      `SELECT c.id, c.case_no, c.process_instance_id, d.version, d.id AS definition_id
         FROM assistance_case c
         JOIN process_instance i ON i.id = c.process_instance_id
         JOIN process_definition d ON d.id = i.definition_id
        WHERE d.key = $1 AND i.status = 'running' AND d.version < $2
        ORDER BY d.version, c.case_no`,
      [key, newest],
    );
    return rows.map((r) => ({ ...r, version: Number(r.version) }));
  },

  /** The named cases that exist (in no particular order). */
  async cases(em: EntityManager, caseIds: string[]): Promise<CaseInstanceRow[]> {
    if (!caseIds.length) return [];
    return em.query(
      `SELECT id, case_no, process_instance_id, created_at FROM assistance_case WHERE id IN (${caseIds
        .map((_, i) => `$${i + 1}`)
        .join(', ')})`,
      caseIds,
    );
  },

  async record(em: EntityManager, r: MigrationRecord): Promise<void> {
    await em.query(
      `INSERT INTO process_migration (id, instance_id, case_id, definition_key, from_definition_id,
         to_definition_id, from_version, to_version, mapping, waiting, migrated_by, migrated_at,
         reason, legal_basis)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        randomUUID(),
        r.instanceId,
        r.caseId,
        r.key,
        r.fromDefinitionId,
        r.toDefinitionId,
        r.fromVersion,
        r.toVersion,
        JSON.stringify(r.rename),
        JSON.stringify(r.waiting),
        r.migratedBy,
        r.at,
        r.reason,
        r.legalBasis,
      ],
    );
  },

  /** The elements an instance has finished (its activity log), for the legally-required-step check. */
  async finishedElements(em: EntityManager, instanceId: string): Promise<Set<string>> {
    const rows: { element_id: string }[] = await em.query(
      `SELECT DISTINCT element_id FROM activity_log WHERE instance_id = $1 AND event = 'end'`,
      [instanceId],
    );
    return new Set(rows.map((r) => r.element_id));
  },
};
