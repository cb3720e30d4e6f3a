import { EntityManager } from 'typeorm';
import { NotificationMessageEntity, NotificationOutboxEntity } from '@app/persistence';

export interface DeadlineTaskRow {
  task_id: string;
  task_name: string;
  due_date: string;
  candidate_groups: string[];
  case_id: string;
  case_no: string;
  region_code: string;
}

/** The only code that reads or writes the outbox and the message centre. */
export const notificationRepository = {
  /**
   * Inserts the rows in one statement, each unless its dedupe key was queued before; returns the
   * ids of the rows inserted.
   */
  async insertMany(em: EntityManager, rows: NotificationOutboxEntity[]): Promise<Set<string>> {
    if (!rows.length) return new Set();
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(NotificationOutboxEntity)
      .values(rows)
      .orIgnore()
      .returning(['id'])
      .execute();
    return new Set((result.raw as { id: string }[]).map((r) => r.id));
  },

  /**
   * Claims the next row due for delivery. SKIP LOCKED lets several API processes dispatch without
   * sending one twice; a `queued` row whose lease ran out (its sender died) is claimed again.
   */
  async claimDue(em: EntityManager, now: Date): Promise<NotificationOutboxEntity | null> {
    const rows = await em
      .getRepository(NotificationOutboxEntity)
      .createQueryBuilder('n')
      .where(`n.status IN ('pending', 'queued') AND n.next_attempt_at <= :now`, { now })
      .orderBy('n.next_attempt_at', 'ASC')
      .limit(1)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
    return rows[0] ?? null;
  },

  async lock(em: EntityManager, id: string): Promise<NotificationOutboxEntity | null> {
    return em
      .getRepository(NotificationOutboxEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  },

  byId(em: EntityManager, id: string): Promise<NotificationOutboxEntity | null> {
    return em.getRepository(NotificationOutboxEntity).findOneBy({ id });
  },

  async update(em: EntityManager, id: string, patch: Partial<NotificationOutboxEntity>): Promise<void> {
    await em.getRepository(NotificationOutboxEntity).update({ id }, patch);
  },

  async insertMessage(em: EntityManager, row: NotificationMessageEntity): Promise<void> {
    await em.createQueryBuilder().insert().into(NotificationMessageEntity).values(row).orIgnore().execute();
  },

  /** The applicant's messages: those of the cases their account applied for. */
  applicantMessages(em: EntityManager, accountId: string): Promise<MessageRow[]> {
    return em.query(
      `SELECT m.id, m.case_id, c.case_no, m.subject, m.body, m.created_at, m.read_at
       FROM notification_message m JOIN assistance_case c ON c.id = m.case_id
       WHERE m.audience = 'applicant' AND c.created_by = $1
       ORDER BY m.created_at DESC, m.id LIMIT 200`,
      [accountId],
    );
  },

  /** Staff messages addressed to the role, for cases within the region. */
  staffMessages(em: EntityManager, roles: string[], regionPrefix: string): Promise<MessageRow[]> {
    return em.query(
      `SELECT m.id, m.case_id, c.case_no, m.subject, m.body, m.created_at, m.read_at
       FROM notification_message m LEFT JOIN assistance_case c ON c.id = m.case_id
       WHERE m.audience = 'staff' AND m.role = ANY($1) AND m.region_code LIKE $2
       ORDER BY m.created_at DESC, m.id LIMIT 200`,
      [roles, `${regionPrefix}%`],
    );
  },

  async markRead(em: EntityManager, ids: string[], at: Date): Promise<void> {
    if (ids.length)
      await em.query(`UPDATE notification_message SET read_at = $2 WHERE id = ANY($1) AND read_at IS NULL`, [
        ids,
        at,
      ]);
  },

  /** Open tasks with a due date on or before `until`, without an alert of `kind` queued yet. */
  dueTasks(em: EntityManager, until: string, kind: string): Promise<DeadlineTaskRow[]> {
    return em.query(
      `SELECT t.id AS task_id, t.name AS task_name, t.due_date::text AS due_date,
              t.candidate_groups, c.id AS case_id, c.case_no, c.region_code
       FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id
       WHERE t.status = 'open' AND t.due_date IS NOT NULL AND t.due_date <= $1::date
         AND NOT EXISTS (SELECT 1 FROM notification_outbox o WHERE o.dedupe_key = $2 || ':' || t.id || ':staff')
       ORDER BY t.due_date LIMIT 500`,
      [until, kind],
    );
  },

  /** The applicant's latest electronic-service address on the case, if they gave one. */
  /** Whether the applicant has a portal account that can read the case's messages (it applied online). */
  async applicantHasAccount(em: EntityManager, caseId: string): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `SELECT 1 FROM assistance_case c JOIN app_user u ON u.id = c.created_by
       WHERE c.id = $1 AND u.role = 'applicant'`,
      [caseId],
    );
    return rows.length > 0;
  },

  async electronicAddress(em: EntityManager, caseId: string): Promise<string | null> {
    const [row]: { address: string }[] = await em.query(
      `SELECT address FROM service_consent WHERE case_id = $1 ORDER BY recorded_at DESC LIMIT 1`,
      [caseId],
    );
    return row?.address ?? null;
  },

  outboxOfCase(em: EntityManager, caseId: string): Promise<NotificationOutboxEntity[]> {
    return em
      .getRepository(NotificationOutboxEntity)
      .find({ where: { caseId }, order: { createdAt: 'ASC' } });
  },
};

export interface MessageRow {
  id: string;
  case_id: string | null;
  case_no: string | null;
  subject: string;
  body: string;
  created_at: Date;
  read_at: Date | null;
}
