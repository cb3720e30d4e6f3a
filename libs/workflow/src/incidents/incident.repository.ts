import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';

export type IncidentKind = 'task' | 'timer' | 'stalled';
export type IncidentStatus = 'open' | 'resolved';

/** What is known of a failure when it is recorded. */
export interface IncidentDraft {
  instanceId: string;
  kind: IncidentKind;
  elementId: string | null;
  elementName: string | null;
  taskId?: string | null;
  timerId?: string | null;
  cause: string;
  rawError: string;
  /** What a retry re-runs: the submitted task data and who submitted it. */
  payload?: Record<string, unknown> | null;
}

export interface IncidentRow {
  id: string;
  instanceId: string;
  caseId: string | null;
  caseNo: string | null;
  regionCode: string | null;
  definitionId: string;
  definitionKey: string;
  definitionVersion: number;
  kind: IncidentKind;
  elementId: string | null;
  elementName: string | null;
  taskId: string | null;
  timerId: string | null;
  cause: string;
  rawError: string;
  payload: Record<string, unknown> | null;
  status: IncidentStatus;
  occurrences: number;
  createdAt: Date;
  lastSeenAt: Date;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  resolution: string | null;
}

export interface IncidentFilter {
  key?: string;
  version?: number;
  status?: IncidentStatus;
  /** Only incidents of cases within this region (prefix), and those with no case. */
  regionCode?: string;
}

const SELECT = `
  SELECT n.id, n.instance_id AS "instanceId", n.case_id AS "caseId", c.case_no AS "caseNo",
         c.region_code AS "regionCode", n.definition_id AS "definitionId",
         n.definition_key AS "definitionKey", n.definition_version AS "definitionVersion", n.kind,
         n.element_id AS "elementId", n.element_name AS "elementName", n.task_id AS "taskId",
         n.timer_id AS "timerId", n.cause, n.raw_error AS "rawError", n.payload, n.status,
         n.occurrences, n.created_at AS "createdAt", n.last_seen_at AS "lastSeenAt",
         n.resolved_at AS "resolvedAt", n.resolved_by AS "resolvedBy", n.resolution
    FROM incident n LEFT JOIN assistance_case c ON c.id = n.case_id`;

/**
 * SQL for a caller's own statement: the oldest open incident of process instance `instanceId` (an
 * SQL expression) as a JSON object of what a case page tells of it, or null.
 */
export function openIncidentJson(instanceId: string): string {
  return `(SELECT json_build_object('id', n.id, 'kind', n.kind, 'elementName', n.element_name,
            'cause', n.cause, 'createdAt', n.created_at)
          FROM incident n WHERE n.instance_id = ${instanceId} AND n.status = 'open'
          ORDER BY n.created_at LIMIT 1)`;
}

/** Incidents (`incident`): run-time failures and stalled cases, open until retried or resolved. */
export const incidentRepository = {
  /**
   * Records a failure, or counts it again on the open incident of the same element: a step retried
   * by its user fails the same way and must not pile up rows.
   */
  async record(em: EntityManager, d: IncidentDraft, now: Date): Promise<string> {
    const rows: { id: string }[] = await em.query(
      `INSERT INTO incident (id, instance_id, case_id, definition_id, definition_key, definition_version,
         kind, element_id, element_name, task_id, timer_id, cause, raw_error, payload, status,
         occurrences, created_at, last_seen_at)
       SELECT $1, i.id, c.id, d.id, d.key, d.version, $3, $4, $5, $6, $7, $8, $9, $10, 'open', 1, $11, $11
         FROM process_instance i JOIN process_definition d ON d.id = i.definition_id
         LEFT JOIN assistance_case c ON c.id::text = i.business_key
        WHERE i.id = $2
       ON CONFLICT (instance_id, kind, coalesce(element_id, '')) WHERE status = 'open'
       DO UPDATE SET occurrences = incident.occurrences + 1, last_seen_at = EXCLUDED.last_seen_at,
         cause = EXCLUDED.cause, raw_error = EXCLUDED.raw_error, payload = EXCLUDED.payload,
         task_id = EXCLUDED.task_id, timer_id = EXCLUDED.timer_id,
         definition_id = EXCLUDED.definition_id, definition_version = EXCLUDED.definition_version
       RETURNING id`,
      [
        randomUUID(),
        d.instanceId,
        d.kind,
        d.elementId,
        d.elementName,
        d.taskId ?? null,
        d.timerId ?? null,
        d.cause,
        d.rawError.slice(0, 4000),
        d.payload ? JSON.stringify(d.payload) : null,
        now,
      ],
    );
    return rows[0].id;
  },

  async list(em: EntityManager, f: IncidentFilter): Promise<IncidentRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.key) add('n.definition_key = ?', f.key);
    if (f.version !== undefined) add('n.definition_version = ?', f.version);
    if (f.status) add('n.status = ?', f.status);
    if (f.regionCode) add(`(c.region_code IS NULL OR c.region_code LIKE ? || '%')`, f.regionCode);
    const rows: IncidentRow[] = await em.query(
      `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY n.status, n.last_seen_at DESC LIMIT 500`,
      params,
    );
    return rows.map(normalize);
  },

  async byId(em: EntityManager, id: string, lock = false): Promise<IncidentRow | null> {
    const rows: IncidentRow[] = await em.query(`${SELECT} WHERE n.id = $1 ${lock ? 'FOR UPDATE OF n' : ''}`, [
      id,
    ]);
    return rows[0] ? normalize(rows[0]) : null;
  },

  async resolve(
    em: EntityManager,
    id: string,
    r: { by: string | null; reason: string; now: Date },
  ): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `UPDATE incident SET status = 'resolved', resolved_at = $2, resolved_by = $3, resolution = $4
        WHERE id = $1 AND status = 'open' RETURNING id`,
      [id, r.now, r.by, r.reason],
    );
    return rows.length > 0;
  },

  /** Resolves the open incidents a successful step cleared: the task's, or the timer's. */
  async resolveCleared(
    em: EntityManager,
    cleared: { instanceId: string; taskId?: string; timerId?: string },
    r: { by: string | null; reason: string; now: Date },
  ): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `UPDATE incident SET status = 'resolved', resolved_at = $4, resolved_by = $5, resolution = $6
        WHERE instance_id = $1 AND status = 'open'
          AND ((kind = 'task' AND task_id = $2) OR (kind = 'timer' AND timer_id = $3))
        RETURNING id`,
      [cleared.instanceId, cleared.taskId ?? null, cleared.timerId ?? null, r.now, r.by, r.reason],
    );
    return rows.map((x) => x.id);
  },

  /** Running instances with nothing to wait on: no open task, no pending timer, no open incident. */
  async stalledInstances(em: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `SELECT i.id FROM process_instance i
        WHERE i.status = 'running'
          AND NOT EXISTS (SELECT 1 FROM task t WHERE t.instance_id = i.id AND t.status = 'open')
          AND NOT EXISTS (SELECT 1 FROM timer m WHERE m.instance_id = i.id AND m.status = 'pending')
          AND NOT EXISTS (SELECT 1 FROM incident n WHERE n.instance_id = i.id AND n.status = 'open')
        ORDER BY i.started_at LIMIT 200`,
    );
    return rows.map((r) => r.id);
  },

  /** Stalled incidents whose case moved on (a task or timer again, or the process ended). */
  async resolveUnstalled(em: EntityManager, now: Date): Promise<number> {
    const rows: unknown[] = await em.query(
      `UPDATE incident n SET status = 'resolved', resolved_at = $1, resolution = '流程已恢复运行，自动解除'
        WHERE n.kind = 'stalled' AND n.status = 'open' AND (
          EXISTS (SELECT 1 FROM process_instance i WHERE i.id = n.instance_id AND i.status <> 'running')
          OR EXISTS (SELECT 1 FROM task t WHERE t.instance_id = n.instance_id AND t.status = 'open')
          OR EXISTS (SELECT 1 FROM timer m WHERE m.instance_id = n.instance_id AND m.status = 'pending'))
        RETURNING n.id`,
      [now],
    );
    return rows.length;
  },
};

function normalize(r: IncidentRow): IncidentRow {
  return { ...r, definitionVersion: Number(r.definitionVersion), occurrences: Number(r.occurrences) };
}
