import { EntityManager } from 'typeorm';
import { TaskEntity, entityRow } from '@app/persistence';

/** The engine's record of a case's process, as the case detail shows it. */
export interface CaseInstanceSummary {
  version: number;
  status: string;
  outcome: string | null;
  definitionId: string;
  key: string;
  definitionVersion: number;
}

/** The model version an instance runs: key, version and BPMN source. */
export interface InstanceDefinition {
  key: string;
  version: number;
  source: string;
}

/**
 * Reads of the process behind a case (instance, tasks, activity log, model) that the case and
 * workbench views need beyond the engine's own API. Read-only: the engine writes these tables.
 */
export const caseProcessRepository = {
  /** Plain SQL (`entityRow`): read on every step and task page, where query building cost more than the read. */
  task(em: EntityManager, id: string): Promise<TaskEntity | null> {
    return entityRow(em, TaskEntity, 't', 'WHERE t.id = $1', [id]);
  },

  /** Every task of the instance, oldest first. */
  async instanceVersion(em: EntityManager, instanceId: string): Promise<number> {
    const [{ version }]: { version: number }[] = await em.query(
      `SELECT version FROM process_instance WHERE id = $1`,
      [instanceId],
    );
    return version;
  },

  async instanceSummary(em: EntityManager, instanceId: string): Promise<CaseInstanceSummary | undefined> {
    const [instance]: CaseInstanceSummary[] = await em.query(
      `SELECT i.version, i.status, i.outcome, d.id AS "definitionId", d.key, d.version AS "definitionVersion"
       FROM process_instance i JOIN process_definition d ON d.id = i.definition_id WHERE i.id = $1`,
      [instanceId],
    );
    return instance;
  },

  /** The engine state and definition of an instance (what a step's variables come from). */
  async instanceState(
    em: EntityManager,
    instanceId: string,
  ): Promise<{ state: unknown; definitionId: string } | undefined> {
    const [instance]: { state: unknown; definitionId: string }[] = await em.query(
      `SELECT i.state, i.definition_id AS "definitionId" FROM process_instance i WHERE i.id = $1`,
      [instanceId],
    );
    return instance;
  },

  async definitionIdOf(em: EntityManager, instanceId: string): Promise<string | undefined> {
    const [row]: { definitionId: string }[] = await em.query(
      `SELECT definition_id AS "definitionId" FROM process_instance WHERE id = $1`,
      [instanceId],
    );
    return row?.definitionId;
  },

  async definitionOf(em: EntityManager, instanceId: string): Promise<InstanceDefinition | undefined> {
    const [definition]: InstanceDefinition[] = await em.query(
      `SELECT d.key, d.version, d.source FROM process_instance i
       JOIN process_definition d ON d.id = i.definition_id WHERE i.id = $1`,
      [instanceId],
    );
    return definition;
  },

  async definitionSource(em: EntityManager, definitionId: string): Promise<string | undefined> {
    const [row]: { source: string }[] = await em.query(
      `SELECT source FROM process_definition WHERE id = $1`,
      [definitionId],
    );
    return row?.source;
  },

  /** What the instance did, in order: `end` of activities and `take` of flows among them. */
  activityLog(em: EntityManager, instanceId: string): Promise<{ elementId: string; event: string }[]> {
    return em.query(
      `SELECT element_id AS "elementId", event FROM activity_log WHERE instance_id = $1 ORDER BY seq`,
      [instanceId],
    );
  },

  /** Elements the instance waits at: open tasks and pending timers. */
  waitingAt(em: EntityManager, instanceId: string): Promise<{ elementId: string }[]> {
    return em.query(
      `SELECT element_id AS "elementId" FROM task WHERE instance_id = $1 AND status = 'open'
       UNION SELECT element_id FROM timer WHERE instance_id = $1 AND status = 'pending'`,
      [instanceId],
    );
  },
};
