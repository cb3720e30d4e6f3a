import { DataSource, EntityManager, In, QueryRunner } from 'typeorm';
import { ProcessInstanceEntity, TaskEntity, TimerEntity } from '@app/persistence';
import type { TimerShare } from './timer-shares';

/** A claimed due timer with its instance row, both locked until the batch commits. */
export interface ClaimedTimer {
  timer: TimerEntity;
  instance: ProcessInstanceEntity;
}

interface ClaimRow {
  timer_id: string;
  element_id: string;
  due_at: Date;
  timer_created_at: Date;
  id: string;
  definition_id: string;
  business_key: string;
  status: ProcessInstanceEntity['status'];
  outcome: string | null;
  state?: object;
  version: number;
  started_at: Date;
  updated_at: Date;
  ended_at: Date | null;
}

/** A running instance with a timer in the look-ahead window, without its engine state. */
export interface ImminentHead {
  id: string;
  definitionId: string;
  businessKey: string;
  outcome: string | null;
  version: number;
  dueAt: Date;
  /** The due time as the database prints it (microseconds kept), for the window's cursor. */
  dueKey: string;
}

/** How many processes may poll one schema's timers at once (advisory-lock slots). */
const POLLER_SLOTS = 256;

// The pollers of one schema lock slots under one key: test runs and installations sharing a
// database in schemas of their own do not count each other.
const POLLER_KEY = `hashtext('timer-poller:' || current_schema())`;

/**
 * The share predicate on an instance id: its last byte (random in a v4 UUID) modulo the count.
 * `$n` and `$n+1` are the share's index and count.
 */
function inShare(column: string, param: number): string {
  return `mod(get_byte(uuid_send(${column}), 15), $${param + 1}::int) = $${param}::int`;
}

const INSTANCE_COLUMNS = `i.id, i.definition_id, i.business_key, i.status, i.outcome, i.version,
       i.started_at, i.updated_at, i.ended_at`;

function instanceOf(row: ClaimRow): ProcessInstanceEntity {
  return {
    id: row.id,
    definitionId: row.definition_id,
    businessKey: row.business_key,
    status: row.status,
    outcome: row.outcome,
    // Filled from `states` for the instances whose engines are not loaded.
    state: row.state ?? {},
    version: Number(row.version),
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    endedAt: row.ended_at,
  };
}

/** Timers of one instance share one instance object, so the second fires on the state the first left. */
function claimedOf(rows: ClaimRow[]): ClaimedTimer[] {
  const instances = new Map<string, ProcessInstanceEntity>();
  return rows.map((row) => {
    const instance = instances.get(row.id) ?? instanceOf(row);
    instances.set(row.id, instance);
    const timer: TimerEntity = {
      id: row.timer_id,
      instanceId: row.id,
      elementId: row.element_id,
      dueAt: row.due_at,
      status: 'pending',
      createdAt: row.timer_created_at,
      firedAt: null,
    };
    return { timer, instance };
  });
}

/** The timer poller's reads and writes: a batch is claimed, prepared and marked in few statements. */
export const timerRepository = {
  /**
   * Claims up to `limit` due timers and locks their instances in one statement, without their
   * engine states (`states` reads those an engine must be recovered from). SKIP LOCKED lets
   * several API processes poll without firing one twice; a timer whose firing failed waits for its
   * incident's retry instead of failing every poll. With a `share` (several pollers) it claims
   * the timers of that share first.
   */
  async claimDue(
    em: EntityManager,
    now: Date,
    limit: number,
    share: { share: TimerShare; stealBefore: Date } | null = null,
  ): Promise<ClaimedTimer[]> {
    const claim = (where: string, params: unknown[], n: number): Promise<ClaimRow[]> =>
      em.query(
        `SELECT t.id AS timer_id, t.element_id, t.due_at, t.created_at AS timer_created_at, ${INSTANCE_COLUMNS}
           FROM timer t JOIN process_instance i ON i.id = t.instance_id
          WHERE t.status = 'pending' AND t.due_at <= $1 ${where}
            AND NOT EXISTS (SELECT 1 FROM incident n WHERE n.timer_id = t.id AND n.status = 'open')
          ORDER BY t.due_at
          LIMIT $2
          FOR UPDATE OF t, i SKIP LOCKED`,
        [now, n, ...params],
      );
    if (!share) return claimedOf(await claim('', [], limit));
    // Its own share first (their engines are the ones this process loaded ahead); then, when those
    // run short, the others' timers that their owners have left due for a while (a busy or dead
    // process): a live owner fires its own hot rather than another process recovering them cold.
    const own = await claim(
      `AND ${inShare('t.instance_id', 3)}`,
      [share.share.index, share.share.count],
      limit,
    );
    if (own.length >= limit) return claimedOf(own);
    const rest = await claim(
      `AND NOT (${inShare('t.instance_id', 3)}) AND t.due_at <= $5`,
      [share.share.index, share.share.count, share.stealBefore],
      limit - own.length,
    );
    return claimedOf([...own, ...rest]);
  },

  /** Open tasks of the claimed instances, read once for the batch (their instance rows are locked). */
  openTasks(em: EntityManager, instanceIds: string[]): Promise<TaskEntity[]> {
    if (!instanceIds.length) return Promise.resolve([]);
    return em.getRepository(TaskEntity).find({ where: { instanceId: In(instanceIds), status: 'open' } });
  },

  /** Pending timers of the claimed instances, read once for the batch. */
  pendingTimers(em: EntityManager, instanceIds: string[]): Promise<TimerEntity[]> {
    if (!instanceIds.length) return Promise.resolve([]);
    return em.getRepository(TimerEntity).find({ where: { instanceId: In(instanceIds), status: 'pending' } });
  },

  /** Marks the batch's timers in one statement: fired, or cancelled when the case had moved on. */
  async mark(
    em: EntityManager,
    marks: { id: string; status: 'fired' | 'cancelled' }[],
    now: Date,
  ): Promise<void> {
    if (!marks.length) return;
    await em.query(
      `UPDATE timer t SET status = m.status, fired_at = $3
         FROM unnest($1::uuid[], $2::text[]) AS m(id, status)
        WHERE t.id = m.id`,
      [marks.map((m) => m.id), marks.map((m) => m.status), now],
    );
  },

  /** The engine states of locked instances, by id, in one statement. */
  async states(em: EntityManager, instanceIds: string[]): Promise<Map<string, object>> {
    if (!instanceIds.length) return new Map();
    const rows: { id: string; state: object }[] = await em.query(
      `SELECT id, state FROM process_instance WHERE id = ANY($1::uuid[])`,
      [instanceIds],
    );
    return new Map(rows.map((r) => [r.id, r.state]));
  },

  /**
   * Running instances with a pending timer due after `after` (a due time, and the instance id
   * already passed at that time) and by `to`, in due order, without their states: the warmer
   * reads the states only of those whose engines are not loaded yet.
   */
  async imminent(
    em: EntityManager,
    after: { dueKey: string; id: string | null },
    to: Date,
    limit: number,
    share: TimerShare | null = null,
  ): Promise<ImminentHead[]> {
    // The cursor's due time goes back as the database printed it: a JS Date keeps milliseconds
    // only, and a due time with microseconds would never be passed.
    const rows: (ClaimRow & { due_key: string })[] = await em.query(
      `SELECT i.id, i.definition_id, i.business_key, i.outcome, i.version, t.due_at,
              t.due_at::text AS due_key
         FROM timer t JOIN process_instance i ON i.id = t.instance_id
        WHERE t.status = 'pending' AND t.due_at <= $3 AND i.status = 'running'
          AND (t.due_at > $1::timestamptz
               OR (t.due_at = $1::timestamptz AND $2::uuid IS NOT NULL AND i.id > $2::uuid))
          ${share ? `AND ${inShare('t.instance_id', 5)}` : ''}
        ORDER BY t.due_at, i.id
        LIMIT $4`,
      [after.dueKey, after.id, to, limit, ...(share ? [share.index, share.count] : [])],
    );
    return rows.map((r) => ({
      id: r.id,
      definitionId: r.definition_id,
      businessKey: r.business_key,
      outcome: r.outcome,
      version: Number(r.version),
      dueAt: r.due_at,
      dueKey: r.due_key,
    }));
  },

  /** A connection of the poller's own, out of the pool for as long as the poller holds its slot. */
  async pollerConnection(dataSource: DataSource): Promise<QueryRunner> {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    return runner;
  },

  /** Takes the first free poller slot on this connection (held until it closes); null if none is. */
  async takeSlot(runner: QueryRunner): Promise<number | null> {
    for (let slot = 0; slot < POLLER_SLOTS; slot++) {
      const [{ ok }]: { ok: boolean }[] = await runner.query(
        `SELECT pg_try_advisory_lock(${POLLER_KEY}, $1) AS ok`,
        [slot],
      );
      if (ok) return slot;
    }
    return null;
  },

  /** The slots the live pollers of this schema hold, in order, and which is this connection's. */
  pollerSlots(runner: QueryRunner): Promise<{ slot: number; mine: boolean }[]> {
    return runner.query(
      `SELECT objid::int AS slot, pid = pg_backend_pid() AS mine FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND objsubid = 2
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND classid = ${POLLER_KEY}::oid
        ORDER BY objid`,
    );
  },

  /** Gives up this connection's slot before it goes back to the pool. */
  async releaseSlots(runner: QueryRunner): Promise<void> {
    await runner.query('SELECT pg_advisory_unlock_all()');
  },

  /** Loading engines ahead of time must not write: a step a recovery would run fails instead. */
  async readOnly(em: EntityManager): Promise<void> {
    await em.query('SET TRANSACTION READ ONLY');
  },

  // One savepoint per timer: a failing timer rolls back to it and the rest of the batch commits.
  async savepoint(em: EntityManager): Promise<void> {
    await em.query('SAVEPOINT timer_fire');
  },

  async release(em: EntityManager): Promise<void> {
    await em.query('RELEASE SAVEPOINT timer_fire');
  },

  async rollbackToSavepoint(em: EntityManager): Promise<void> {
    await em.query('ROLLBACK TO SAVEPOINT timer_fire');
  },

  /** Timers falling due after `from` and by `to`: how many have fired, how many still wait. */
  async dueBetween(em: EntityManager, from: Date, to: Date): Promise<{ fired: number; pending: number }> {
    const [row]: { fired: string; pending: string }[] = await em.query(
      `SELECT count(*) FILTER (WHERE status = 'fired')::text AS fired,
              count(*) FILTER (WHERE status = 'pending')::text AS pending
         FROM timer WHERE due_at > $1 AND due_at <= $2`,
      [from, to],
    );
    return { fired: Number(row.fired), pending: Number(row.pending) };
  },
};
