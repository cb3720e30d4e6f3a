import { EntityManager } from 'typeorm';

/** A staff member as claim, assignment and delegation need them. */
export interface StaffRow {
  id: string;
  username: string;
  displayName: string;
  role: string;
  extraRoles: string[];
  regionCode: string;
  pendingBy: string | null;
  disabledAt: Date | null;
}

export interface DelegationRow {
  id: string;
  delegatorId: string;
  delegatorName: string;
  delegateId: string;
  delegateName: string;
  startsOn: string;
  endsOn: string;
  reason: string;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
}

const DELEGATION_COLUMNS = `d.id, d.delegator_id AS "delegatorId", a.display_name AS "delegatorName",
  d.delegate_id AS "delegateId", b.display_name AS "delegateName",
  to_char(d.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(d.ends_on, 'YYYY-MM-DD') AS "endsOn",
  d.reason, d.created_by AS "createdBy", d.created_at AS "createdAt", d.revoked_at AS "revokedAt"`;

const DELEGATION_FROM = `task_delegation d JOIN app_user a ON a.id = d.delegator_id JOIN app_user b ON b.id = d.delegate_id`;

/** Claims, drafts and delegations of open tasks (issue 18). */
export const caseworkRepository = {
  async staff(em: EntityManager, id: string): Promise<StaffRow | null> {
    const [row] = await em.query(
      `SELECT id, username, display_name AS "displayName", role, extra_roles AS "extraRoles",
              region_code AS "regionCode", pending_by AS "pendingBy", disabled_at AS "disabledAt"
       FROM app_user WHERE id = $1`,
      [id],
    );
    return row ?? null;
  },

  /**
   * Takes an open task for `userId` unless someone else already holds it: one conditional
   * statement, so of two clerks claiming at once exactly one row is updated.
   */
  async claim(em: EntityManager, taskId: string, userId: string, at: Date): Promise<boolean> {
    // TypeORM answers an UPDATE on PostgreSQL with [rows, affected count].
    const [rows]: [unknown[], number] = await em.query(
      `UPDATE task SET assignee = $2, assigned_at = $3
       WHERE id = $1 AND status = 'open' AND (assignee IS NULL OR assignee = $2) RETURNING id`,
      [taskId, userId, at],
    );
    return rows.length === 1;
  },

  async setAssignee(
    em: EntityManager,
    taskId: string,
    userId: string | null,
    at: Date | null,
  ): Promise<void> {
    await em.query(`UPDATE task SET assignee = $2, assigned_at = $3 WHERE id = $1`, [taskId, userId, at]);
  },

  /** Who holds each of these tasks (only held ones), with their names. */
  async holders(
    em: EntityManager,
    taskIds: string[],
  ): Promise<{ taskId: string; assignee: string; assigneeName: string }[]> {
    if (!taskIds.length) return [];
    return em.query(
      `SELECT t.id AS "taskId", t.assignee, u.display_name AS "assigneeName"
       FROM task t JOIN app_user u ON u.id = t.assignee WHERE t.id = ANY($1::uuid[])`,
      [taskIds],
    );
  },

  async draft(
    em: EntityManager,
    taskId: string,
    userId: string,
  ): Promise<{ data: Record<string, unknown>; updatedAt: Date } | null> {
    const [row] = await em.query(
      `SELECT data, updated_at AS "updatedAt" FROM task_draft WHERE task_id = $1 AND user_id = $2`,
      [taskId, userId],
    );
    return row ?? null;
  },

  async saveDraft(
    em: EntityManager,
    taskId: string,
    userId: string,
    data: Record<string, unknown>,
    at: Date,
  ): Promise<void> {
    await em.query(
      `INSERT INTO task_draft (task_id, user_id, data, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (task_id, user_id) DO UPDATE SET data = EXCLUDED.data, updated_at = EXCLUDED.updated_at`,
      [taskId, userId, JSON.stringify(data), at],
    );
  },

  /** A completed task's drafts are of no further use to anyone. */
  async dropDrafts(em: EntityManager, taskId: string): Promise<void> {
    await em.query(`DELETE FROM task_draft WHERE task_id = $1`, [taskId]);
  },

  async insertDelegation(
    em: EntityManager,
    row: Omit<DelegationRow, 'delegatorName' | 'delegateName' | 'revokedAt'>,
  ): Promise<void> {
    await em.query(
      `INSERT INTO task_delegation (id, delegator_id, delegate_id, starts_on, ends_on, reason, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        row.id,
        row.delegatorId,
        row.delegateId,
        row.startsOn,
        row.endsOn,
        row.reason,
        row.createdBy,
        row.createdAt,
      ],
    );
  },

  async delegation(em: EntityManager, id: string): Promise<DelegationRow | null> {
    const [row] = await em.query(`SELECT ${DELEGATION_COLUMNS} FROM ${DELEGATION_FROM} WHERE d.id = $1`, [
      id,
    ]);
    return row ?? null;
  },

  /** Serialises delegations of one delegator, so two overlapping ones cannot both pass the check. */
  async lockDelegator(em: EntityManager, delegatorId: string): Promise<void> {
    await em.query(`SELECT 1 FROM app_user WHERE id = $1 FOR UPDATE`, [delegatorId]);
  },

  /** A delegation of the same delegator, not revoked, whose period meets [startsOn, endsOn]. */
  async overlappingDelegation(
    em: EntityManager,
    delegatorId: string,
    startsOn: string,
    endsOn: string,
  ): Promise<DelegationRow | null> {
    const [row] = await em.query(
      `SELECT ${DELEGATION_COLUMNS} FROM ${DELEGATION_FROM}
       WHERE d.delegator_id = $1 AND d.revoked_at IS NULL AND d.starts_on <= $3 AND d.ends_on >= $2
       ORDER BY d.starts_on LIMIT 1`,
      [delegatorId, startsOn, endsOn],
    );
    return row ?? null;
  },

  async revokeDelegation(em: EntityManager, id: string, at: Date): Promise<void> {
    await em.query(`UPDATE task_delegation SET revoked_at = $2 WHERE id = $1`, [id, at]);
  },

  /** Delegations given by or to this user that have not ended or been revoked. */
  involving(em: EntityManager, userId: string, today: string): Promise<DelegationRow[]> {
    return em.query(
      `SELECT ${DELEGATION_COLUMNS} FROM ${DELEGATION_FROM}
       WHERE (d.delegator_id = $1 OR d.delegate_id = $1) AND d.revoked_at IS NULL AND d.ends_on >= $2
       ORDER BY d.starts_on, d.created_at`,
      [userId, today],
    );
  },

  /** Delegations of a region's staff that have not ended or been revoked. */
  inRegion(em: EntityManager, regionPrefix: string, today: string): Promise<DelegationRow[]> {
    return em.query(
      `SELECT ${DELEGATION_COLUMNS} FROM ${DELEGATION_FROM}
       WHERE a.region_code LIKE $1 AND d.revoked_at IS NULL AND d.ends_on >= $2
       ORDER BY d.starts_on, d.created_at`,
      [`${regionPrefix}%`, today],
    );
  },

  /** Whose tasks this user may do today as their delegate. */
  async principalsOf(em: EntityManager, delegateId: string, today: string): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `SELECT DISTINCT delegator_id AS id FROM task_delegation
       WHERE delegate_id = $1 AND revoked_at IS NULL AND starts_on <= $2 AND ends_on >= $2`,
      [delegateId, today],
    );
    return rows.map((r) => r.id);
  },

  /**
   * The delegation under which `delegateId` acted for `delegatorId` on that day: a live one first,
   * else a later-revoked one (what was done under it before the revocation stays its act).
   */
  async delegationOn(
    em: EntityManager,
    delegateId: string,
    delegatorId: string,
    day: string,
  ): Promise<{ startsOn: string; endsOn: string; reason: string } | null> {
    const [row] = await em.query(
      `SELECT to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn", reason
       FROM task_delegation
       WHERE delegate_id = $1 AND delegator_id = $2 AND starts_on <= $3 AND ends_on >= $3
       ORDER BY (revoked_at IS NULL) DESC, created_at DESC LIMIT 1`,
      [delegateId, delegatorId, day],
    );
    return row ?? null;
  },

  /** The open tasks a user holds, with what the duty rules need to judge a stand-in. */
  heldOpenTasks(
    em: EntityManager,
    userId: string,
  ): Promise<
    {
      taskId: string;
      name: string;
      caseNo: string;
      instanceId: string;
      candidateGroups: string[];
      regionCode: string;
      applicantIdNumber: string;
      household: { idNumber: string }[] | null;
    }[]
  > {
    return em.query(
      `SELECT t.id AS "taskId", t.name, c.case_no AS "caseNo", t.instance_id AS "instanceId",
              t.candidate_groups AS "candidateGroups", c.region_code AS "regionCode",
              c.applicant_id_number AS "applicantIdNumber", c.household
       FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id
       WHERE t.status = 'open' AND t.assignee = $1`,
      [userId],
    );
  },

  /** Each task's case number, and what a bulk form may fill per case. */
  async caseNosOf(
    em: EntityManager,
    taskIds: string[],
  ): Promise<
    Map<
      string,
      {
        caseNo: string;
        regionCode: string;
        applicantName: string;
        applicantAddress: string;
        stepName: string;
        form: { id: string }[] | null;
      }
    >
  > {
    const rows: {
      taskId: string;
      caseNo: string;
      regionCode: string;
      applicantName: string;
      applicantAddress: string;
      stepName: string;
      form: { id: string }[] | null;
    }[] = await em.query(
      `SELECT t.id AS "taskId", c.case_no AS "caseNo", c.region_code AS "regionCode", t.name AS "stepName", t.form,
                c.applicant_name AS "applicantName", c.applicant_address AS "applicantAddress"
         FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id WHERE t.id = ANY($1::uuid[])`,
      [taskIds],
    );
    return new Map(rows.map(({ taskId, ...r }) => [taskId, r]));
  },

  /** Active, confirmed casework staff within a region, for the assign and delegate pickers. */
  staffWithin(em: EntityManager, regionPrefix: string, roles: readonly string[]): Promise<StaffRow[]> {
    return em.query(
      `SELECT id, username, display_name AS "displayName", role, extra_roles AS "extraRoles",
              region_code AS "regionCode", pending_by AS "pendingBy", disabled_at AS "disabledAt"
       FROM app_user
       WHERE region_code LIKE $1 AND disabled_at IS NULL AND pending_by IS NULL
         AND (role = ANY($2::text[]) OR extra_roles && $2::text[])
       ORDER BY region_code, display_name`,
      [`${regionPrefix}%`, roles],
    );
  },
};
