import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ProcessInstanceEntity, TaskEntity, TimerEntity, entityRow, entityRows } from '@app/persistence';
import { ArmedTimer } from './durable-timers';
import type { ActivityEvent } from './engine-session';

/** A step's new engine state, written later with others (`saveStates`). */
export interface StateWrite {
  id: string;
  /** The version the step started from (the row's, under its lock). */
  version: number;
  stateJson: string;
  status: ProcessInstanceEntity['status'];
  outcome: string | null;
}

/** The only code that reads or writes instances, tasks and timers. */
export const instanceRepository = {
  lockInstance(em: EntityManager, id: string): Promise<ProcessInstanceEntity | null> {
    return em
      .getRepository(ProcessInstanceEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  },

  /**
   * Locks an instance and reads its row without the engine state: a step whose engine is hot does
   * not need it, and reading it made the database print it and Node parse it on every step.
   * `stateOf` reads it when an engine recovers.
   */
  async lockInstanceHead(
    em: EntityManager,
    id: string,
  ): Promise<Omit<ProcessInstanceEntity, 'state'> | null> {
    return em.getRepository(ProcessInstanceEntity).findOne({
      select: [
        'id',
        'definitionId',
        'businessKey',
        'status',
        'outcome',
        'version',
        'startedAt',
        'updatedAt',
        'endedAt',
      ],
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
  },

  async stateOf(em: EntityManager, id: string): Promise<object> {
    const row = await em
      .getRepository(ProcessInstanceEntity)
      .findOne({ select: ['id', 'state'], where: { id } });
    if (!row) throw new Error(`instance ${id} not found`);
    return row.state;
  },

  // Plain SQL (`entityRow`) for the reads a step makes: TypeORM's query building and hydration
  // cost more than the lookup by key itself.
  lockTask(em: EntityManager, id: string): Promise<TaskEntity | null> {
    return entityRow(em, TaskEntity, 't', 'WHERE t.id = $1 FOR UPDATE', [id]);
  },

  byId(em: EntityManager, id: string): Promise<ProcessInstanceEntity | null> {
    return em.getRepository(ProcessInstanceEntity).findOne({ where: { id } });
  },

  insertInstance(em: EntityManager, row: ProcessInstanceEntity): Promise<unknown> {
    return em.getRepository(ProcessInstanceEntity).insert(row);
  },

  /**
   * Writes a step's new state under the held lock; the version check proves no one wrote it
   * meanwhile. Plain SQL: on a timer batch the query builder's own work cost as much CPU as the
   * statement.
   */
  async saveState(
    em: EntityManager,
    row: Pick<ProcessInstanceEntity, 'id' | 'version'>,
    change: { state: object; status: ProcessInstanceEntity['status']; outcome: string | null; now: Date },
  ): Promise<number> {
    const { status, outcome, now } = change;
    const stateJson = JSON.stringify(change.state);
    await instanceRepository.saveStates(
      em,
      [{ id: row.id, version: row.version, stateJson, status, outcome }],
      now,
    );
    return row.version + 1;
  },

  /**
   * Re-points a locked instance at another version of its model with its rewritten state
   * (model migration); the version check proves no one wrote it meanwhile.
   */
  async moveToDefinition(
    em: EntityManager,
    row: ProcessInstanceEntity,
    change: { definitionId: string; state: object; now: Date },
  ): Promise<void> {
    const result = await em
      .createQueryBuilder()
      .update(ProcessInstanceEntity)
      .set({
        definitionId: change.definitionId,
        state: change.state,
        version: row.version + 1,
        updatedAt: change.now,
      })
      .where('id = :id AND version = :version', { id: row.id, version: row.version })
      .execute();
    if (result.affected !== 1) throw new Error(`instance ${row.id} changed under a held lock`);
  },

  openTasks(em: EntityManager, instanceId: string): Promise<TaskEntity[]> {
    return entityRows(
      em,
      TaskEntity,
      't',
      `WHERE t.instance_id = $1 AND t.status = 'open' ORDER BY t.created_at`,
      [instanceId],
    );
  },

  /** Plain SQL for the same reason as `saveState`: a step opening a task runs it once per fire. */
  insertTask(em: EntityManager, task: TaskEntity): Promise<void> {
    return instanceRepository.insertTasks(em, [task]);
  },

  /**
   * Writes the new states of locked instances in one statement (a timer batch's, or one step's via
   * `saveState`); the version check proves no one wrote any of them meanwhile (an instance appears
   * at most once).
   */
  async saveStates(em: EntityManager, rows: StateWrite[], now: Date): Promise<void> {
    if (!rows.length) return;
    const [{ n }]: { n: number }[] = await em.query(
      `WITH updated AS (
         UPDATE process_instance i
            SET state = w.state, version = w.version + 1, status = w.status, outcome = w.outcome,
                updated_at = $6::timestamptz,
                ended_at = CASE WHEN w.status = 'running' THEN NULL ELSE $6::timestamptz END
           FROM (SELECT u.id, u.version, u.status, u.outcome, $3::jsonb -> (u.n - 1)::int AS state
                   FROM unnest($1::uuid[], $2::int[], $4::text[], $5::text[])
                          WITH ORDINALITY AS u(id, version, status, outcome, n)) w
          WHERE i.id = w.id AND i.version = w.version
        RETURNING i.id)
       SELECT count(*)::int AS n FROM updated`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.version),
        // One JSON array of the states: in a text[] parameter each state would go through array-literal escaping.
        `[${rows.map((r) => r.stateJson).join(',')}]`,
        rows.map((r) => r.status),
        rows.map((r) => r.outcome),
        now,
      ],
    );
    if (n !== rows.length) throw new Error(`${rows.length - n} instances changed under a held lock`);
  },

  /** Inserts a timer batch's new tasks in one statement. */
  async insertTasks(em: EntityManager, tasks: TaskEntity[]): Promise<void> {
    if (!tasks.length) return;
    const params: unknown[] = [];
    const rows = tasks.map((task) => {
      const at = params.length;
      params.push(
        task.id,
        task.instanceId,
        task.elementId,
        task.name,
        task.candidateGroups,
        JSON.stringify(task.form),
        task.due,
        task.dueDate,
        task.dueDateCertain,
        task.status,
        task.data === null ? null : JSON.stringify(task.data),
        task.completedBy,
        task.assignee,
        task.assignedAt,
        task.createdAt,
        task.completedAt,
      );
      const p = (i: number, cast = '') => `$${at + i}${cast}`;
      return `(${p(1, '::uuid')}, ${p(2, '::uuid')}, ${p(3)}, ${p(4)}, ${p(5, '::text[]')}, ${p(6, '::jsonb')}, ${p(7)}, ${p(8, '::date')}, ${p(9, '::boolean')}, ${p(10)}, ${p(11, '::jsonb')}, ${p(12)}, ${p(13)}, ${p(14, '::timestamptz')}, ${p(15, '::timestamptz')}, ${p(16, '::timestamptz')})`;
    });
    await em.query(
      `INSERT INTO task (id, instance_id, element_id, name, candidate_groups, form, due, due_date,
                         due_date_certain, status, data, completed_by, assignee, assigned_at, created_at, completed_at)
       VALUES ${rows.join(',\n')}`,
      params,
    );
  },

  /**
   * Appends the paths of steps (a timer batch's, or one step's via `logActivities`) to their
   * instances' activity logs in one statement (an instance appears at most once; its row lock
   * orders `seq`).
   */
  async logActivitiesOfMany(
    em: EntityManager,
    steps: { instanceId: string; events: ActivityEvent[] }[],
    now: Date,
  ): Promise<void> {
    const rows = steps.flatMap((s) => s.events.map((e, i) => ({ instanceId: s.instanceId, n: i + 1, ...e })));
    if (!rows.length) return;
    await em.query(
      `INSERT INTO activity_log (instance_id, seq, element_id, element_type, event, at)
       SELECT e.instance_id, COALESCE(m.last, 0) + e.n, e.element_id, e.element_type, e.event, $6::timestamptz
         FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[])
                AS e(instance_id, n, element_id, element_type, event)
         LEFT JOIN (SELECT instance_id, MAX(seq) AS last FROM activity_log
                     WHERE instance_id = ANY($1::uuid[]) GROUP BY instance_id) m
           ON m.instance_id = e.instance_id`,
      [
        rows.map((r) => r.instanceId),
        rows.map((r) => r.n),
        rows.map((r) => r.elementId),
        rows.map((r) => r.elementType),
        rows.map((r) => r.event),
        now,
      ],
    );
  },

  /** Moves an open task onto another element (model migration). */
  async retargetTask(
    em: EntityManager,
    id: string,
    patch: Pick<TaskEntity, 'elementId' | 'name' | 'candidateGroups' | 'form'>,
  ): Promise<void> {
    await em.getRepository(TaskEntity).update({ id }, patch);
  },

  /** Plain SQL: every step finishes its task, and TypeORM's update building cost more than the write. */
  async finishTask(
    em: EntityManager,
    id: string,
    status: 'completed' | 'cancelled',
    patch: Pick<Partial<TaskEntity>, 'data' | 'completedBy' | 'completedAt'>,
  ) {
    // Only the columns given are written (an absent one keeps its value), as TypeORM's update did.
    await em.query(
      `UPDATE task SET status = $2,
              data = CASE WHEN $3::boolean THEN $4::jsonb ELSE data END,
              completed_by = CASE WHEN $5::boolean THEN $6::uuid ELSE completed_by END,
              completed_at = CASE WHEN $7::boolean THEN $8::timestamptz ELSE completed_at END
        WHERE id = $1`,
      [
        id,
        status,
        patch.data !== undefined,
        patch.data == null ? null : JSON.stringify(patch.data),
        patch.completedBy !== undefined,
        patch.completedBy ?? null,
        patch.completedAt !== undefined,
        patch.completedAt ?? null,
      ],
    );
  },

  pendingTimers(em: EntityManager, instanceId: string): Promise<TimerEntity[]> {
    return entityRows(em, TimerEntity, 'm', `WHERE m.instance_id = $1 AND m.status = 'pending'`, [
      instanceId,
    ]);
  },

  /** Moves a pending timer onto another element (model migration). */
  async retargetTimer(em: EntityManager, id: string, elementId: string): Promise<void> {
    await em.getRepository(TimerEntity).update({ id }, { elementId });
  },

  /**
   * Makes the pending timer rows match what the engine has armed (`known`: those rows, already
   * read) and returns the pending rows after it.
   */
  async syncTimers(
    em: EntityManager,
    instanceId: string,
    armed: ArmedTimer[],
    now: Date,
    known?: TimerEntity[],
  ): Promise<TimerEntity[]> {
    const repo = em.getRepository(TimerEntity);
    const pending = known ?? (await repo.find({ where: { instanceId, status: 'pending' } }));
    const after: TimerEntity[] = [];
    for (const row of pending) {
      if (!armed.some((t) => t.elementId === row.elementId)) {
        await repo.update({ id: row.id }, { status: 'cancelled', firedAt: now });
      } else after.push(row);
    }
    for (const timer of armed) {
      if (!pending.some((row) => row.elementId === timer.elementId)) {
        const row: TimerEntity = {
          id: randomUUID(),
          instanceId,
          elementId: timer.elementId,
          dueAt: timer.dueAt,
          status: 'pending',
          createdAt: now,
          firedAt: null,
        };
        await repo.insert(row);
        after.push(row);
      }
    }
    return after;
  },

  /**
   * Appends the step's path to the instance's activity log in one statement; the instance row
   * lock orders `seq`.
   */
  logActivities(em: EntityManager, instanceId: string, events: ActivityEvent[], now: Date): Promise<void> {
    return instanceRepository.logActivitiesOfMany(em, [{ instanceId, events }], now);
  },

  async lockPendingTimer(em: EntityManager, id: string): Promise<TimerEntity | null> {
    return em
      .getRepository(TimerEntity)
      .findOne({ where: { id, status: 'pending' }, lock: { mode: 'pessimistic_write' } });
  },

  async markTimer(em: EntityManager, id: string, status: 'fired' | 'cancelled', now: Date): Promise<void> {
    await em.getRepository(TimerEntity).update({ id }, { status, firedAt: now });
  },
};
