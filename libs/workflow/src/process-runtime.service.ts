import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError, Clock } from '@app/common';
import { Database, ProcessInstanceEntity, TaskEntity } from '@app/persistence';
import { CalendarProvider } from './calendar/calendar-provider';
import { DefinitionService } from './definition.service';
import { ActivityEvent, EngineSession, OpenedWait, StepEffects } from './engine-session';
import { ArmedTimer } from './durable-timers';
import { instanceRepository as repo, StateWrite } from './instance.repository';
import { FormField, readUserTaskInfo, validateFormData } from '@app/process-models';
import { ServiceRegistry, StepContext } from './service-registry';
import { IncidentError } from './incidents/incident-error';
import { incidentRepository as incidents } from './incidents/incident.repository';
import { StepFailure } from './incidents/step-failure';
import { TimerEntity } from '@app/persistence';
import { ImminentHead, timerRepository as timerRepo } from './timer.repository';
import { TimerShare } from './timer-shares';

/** How many engines a process keeps loaded between steps (`ENGINE_CACHE_SIZE`), least recently used out. */
export function engineCacheSize(): number {
  return Math.max(0, Number(process.env.ENGINE_CACHE_SIZE ?? 500));
}

/**
 * How many engines a process holds loaded ahead of their cases' timers (`TIMER_WARM_MAX`), besides
 * the least-recently-used set of `ENGINE_CACHE_SIZE`. A loaded engine of the one-timer model holds
 * about 0.5 MB of heap (docs/architecture.md, Timers), so the default bounds them to about 1 GB.
 */
export function timerWarmMax(): number {
  return Math.max(0, Number(process.env.TIMER_WARM_MAX ?? 2000));
}

/** A loaded engine and the committed version of its instance it is. */
interface HotEngine {
  version: number;
  session: EngineSession;
  /**
   * The instance's pending timer rows as that version left them (every write to them bumps the
   * version), when known, so that a step on a hot engine need not read them again.
   */
  timers?: TimerEntity[];
}

/**
 * A timer's fire run ahead of its due time, in memory, on an engine loaded ahead: what it would
 * write, held uncommitted. At due time a batch writes it only while the instance is still at the
 * version the fire started from (the ahead entry's `version`), so nothing is written ahead.
 */
interface PreparedFire {
  elementId: string;
  stateJson: string;
  outcome: string | null;
  /** Opened tasks; `createdAt` is set when they are written. */
  tasks: TaskEntity[];
  /** The user tasks the fire opened, to open them afresh on another day than `today`. */
  waits: OpenedWait[];
  activities: ActivityEvent[];
  /** The day the tasks' due dates were counted from. */
  today: string;
}

/**
 * What waits for a timer due soon: its engine, loaded; or, once its fire has run ahead, only what
 * that fire writes — the engine is dropped, since a loaded engine holds about 0.5 MB of heap and
 * the case's next step is rarely soon. `version` is the committed version the engine is, or the
 * fire started from.
 */
type AheadEngine = { version: number; dueAt: Date } & (
  { session: EngineSession; prepared?: undefined } | { session?: undefined; prepared: PreparedFire }
);

/** An instance row as a step reads it: without its engine state unless that was needed anyway. */
export type InstanceHead = Omit<ProcessInstanceEntity, 'state'> | ProcessInstanceEntity;

/** Rows a timer batch read for all its instances at once, so a fire need not read them again. */
interface KnownRows {
  /** The instance's open task rows when the caller already holds them. */
  openTasks?: TaskEntity[];
  /** Pending timers other than those the batch claimed. */
  pendingTimers?: TimerEntity[];
  /** Where a timer batch collects the fire's writes, to make them for all its fires at once. */
  deferred?: DeferredWrites;
  /** The fire prepared ahead for this timer, still valid under the batch's lock: only written. */
  prepared?: PreparedFire;
}

/** The rows a timer batch's fires leave to be written together when the batch ends. */
interface DeferredWrites {
  states: StateWrite[];
  tasks: TaskEntity[];
  activities: { instanceId: string; events: ActivityEvent[] }[];
}

function noWrites(): DeferredWrites {
  return { states: [], tasks: [], activities: [] };
}

export interface StepResult {
  /** The instance row after the step, without its engine state. */
  instance: InstanceHead;
  openedTasks: TaskEntity[];
  ended: boolean;
  outcome: string | null;
  /** Names of the tasks open when the step began, in the order they opened (for the audit entry). */
  openBefore?: string[];
}

/**
 * Runs process instances one step at a time. Every step happens inside the caller's transaction:
 * the instance row is locked, the engine advances, and its new state, tasks and timers are written
 * before the caller commits. Engines stay in memory between steps and are recovered from the
 * stored state whenever the memory copy is not the committed version.
 */
@Injectable()
export class ProcessRuntime {
  /** Engines kept after a step, least recently used first. */
  private readonly hot = new Map<string, HotEngine>();
  private readonly hotLimit = engineCacheSize();
  /**
   * Engines loaded for timers about to fall due, kept apart from `hot` so that the steps of other
   * cases do not push them out before their fire; each leaves at its fire (or when long overdue).
   */
  private readonly ahead = new Map<string, AheadEngine>();
  /**
   * Timer elements (definition id, element id) whose fire needed a write that cannot wait for due
   * time (a service call, a cancelled task, a timer row): their engines are loaded ahead, not fired.
   */
  private readonly writesAtFire = new Set<string>();
  private readonly aheadLimit = timerWarmMax();
  /** Where the warmer stopped in the look-ahead window: (due time, instance id) already considered. */
  private warmCursor: { dueAt: Date; dueKey: string; id: string } | null = null;
  /** The share the cursor went through the window for: another share starts the window again. */
  private warmShare: string | null = null;
  private readonly touched = new WeakMap<EntityManager, Set<string>>();

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(ServiceRegistry) private readonly services: ServiceRegistry,
    @Inject(DefinitionService) private readonly definitions: DefinitionService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(CalendarProvider) private readonly calendars: CalendarProvider,
  ) {}

  /**
   * A transaction whose failure also forgets the engines it advanced. A step that failed at run
   * time is recorded as an incident in a transaction of its own, after the rollback, so that the
   * record survives what it records.
   */
  async transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    let manager: EntityManager | undefined;
    try {
      return await this.db.transaction((em) => {
        manager = em;
        return work(em);
      });
    } catch (err) {
      for (const id of (manager && this.touched.get(manager)) ?? []) this.forget(id);
      if (err instanceof IncidentError && !err.incidentId) {
        err.incidentId = await this.db.transaction((em) => incidents.record(em, err.draft, this.clock.now()));
      }
      throw err;
    }
  }

  async start(
    em: EntityManager,
    input: {
      definitionKey: string;
      businessKey: string;
      variables: Record<string, unknown>;
      actorId: string | null;
      /** Runs once the instance row exists, before the engine takes its first step. */
      beforeFirstStep?: (instanceId: string) => Promise<void>;
    },
  ): Promise<StepResult> {
    const definition = await this.definitions.latest(em, input.definitionKey);
    const now = this.clock.now();
    const instance: ProcessInstanceEntity = {
      id: randomUUID(),
      definitionId: definition.id,
      businessKey: input.businessKey,
      status: 'running',
      outcome: null,
      state: {},
      version: 0,
      startedAt: now,
      updatedAt: now,
      endedAt: null,
    };
    await repo.insertInstance(em, instance);
    this.touch(em, instance.id);
    await input.beforeFirstStep?.(instance.id);
    const step = { em, actorId: input.actorId, now };
    const { session, effects } = await EngineSession.start(
      await this.definitions.model(em, definition.id),
      { instanceId: instance.id, businessKey: input.businessKey },
      input.variables,
      this.services,
      step,
    ).catch((err: unknown) => {
      // Nothing of the case survives a failed first step, so there is no case to record it on.
      if (!(err instanceof StepFailure)) throw err;
      throw AppError.conflict(
        'STEP_FAILED',
        `流程“${definition.name}”（版本 ${definition.version}）无法启动：${err.message}。请联系法制人员修正流程模型`,
      );
    });
    return this.persist(step, instance, session, effects);
  }

  /** Locks an open task for completion; the caller checks who may complete it. */
  async lockOpenTask(em: EntityManager, taskId: string): Promise<TaskEntity> {
    const task = await repo.lockTask(em, taskId);
    if (!task) throw AppError.notFound('任务不存在');
    if (task.status !== 'open')
      throw AppError.conflict('TASK_ALREADY_DONE', `任务“${task.name}”已办理，不能重复提交`);
    return task;
  }

  async complete(
    em: EntityManager,
    task: TaskEntity,
    input: {
      data: Record<string, unknown>;
      actorId: string;
      expectedVersion?: number;
      onBehalfOf?: string | null;
    },
  ): Promise<StepResult> {
    const instance = await repo.lockInstanceHead(em, task.instanceId);
    if (!instance) throw AppError.notFound('流程实例不存在');
    if (input.expectedVersion !== undefined && input.expectedVersion !== instance.version) {
      throw AppError.conflict(
        'VERSION_CONFLICT',
        `案件已被他人更新（当前版本 ${instance.version}，提交版本 ${input.expectedVersion}），请刷新后重试`,
      );
    }
    const { values, errors } = validateFormData((task.form as FormField[]) ?? [], input.data ?? {});
    if (errors.length)
      throw AppError.validation(
        '表单填写有误',
        errors.map((e: { field: string; message: string }) => ({ ...e, field: `data.${e.field}` })),
      );

    const now = this.clock.now();
    const step: StepContext = { em, actorId: input.actorId, onBehalfOf: input.onBehalfOf ?? null, now };
    // Read once under the instance lock: the audit's "before" and, unless a recovery changes them,
    // the tasks the step may cancel.
    const openBefore = await repo.openTasks(em, instance.id);
    const warm = this.loaded(instance.id);
    const hot = warm?.version === instance.version;
    try {
      const session = await this.session(step, instance);
      if (!session.isWaiting(task.elementId)) {
        throw AppError.conflict('TASK_NOT_WAITING', `流程当前不在“${task.name}”环节`);
      }
      await repo.finishTask(em, task.id, 'completed', {
        data: values,
        completedBy: input.actorId,
        completedAt: now,
      });
      const effects = await session.signal(task.elementId, values, step);
      const known: KnownRows = hot
        ? { openTasks: openBefore.filter((t) => t.id !== task.id), pendingTimers: warm?.timers }
        : {};
      const result = await this.persist(step, instance, session, effects, known);
      result.openBefore = openBefore.map((t) => t.name);
      await incidents.resolveCleared(
        em,
        { instanceId: instance.id, taskId: task.id },
        { by: input.actorId, reason: `“${task.name}”已重新办理成功，自动解除`, now },
      );
      return result;
    } catch (err) {
      if (!(err instanceof StepFailure)) throw err;
      const at = err.elementName && err.elementName !== task.name ? `，流程在“${err.elementName}”处` : '';
      throw new IncidentError(
        `提交“${task.name}”后${at}出错：${err.reason}。本次提交未生效，已记录为流程故障，法制人员修正后可重试`,
        {
          instanceId: instance.id,
          kind: 'task',
          elementId: err.elementId ?? task.elementId,
          elementName: err.elementName ?? task.name,
          taskId: task.id,
          cause: err.reason,
          rawError: err.raw,
          payload: { taskId: task.id, taskName: task.name, data: values, actorId: input.actorId },
        },
      );
    }
  }

  /**
   * Fires up to `limit` due timers in one transaction, each under a savepoint: a timer whose step
   * fails rolls back to its savepoint and becomes an incident in the same transaction, and the rest
   * of the batch commits. Returns how many timers were handled; fewer than `limit` means none is left.
   * An error that is not the step's (a service's refusal, the database) leaves its timer pending for
   * the next poll and is thrown once the rest of the batch has committed. With a `share` (several
   * pollers) it fires the timers of its share first, and others' only once due by `stealBefore`.
   */
  async fireDueTimers(
    now: Date = this.clock.now(),
    limit = 1,
    share: { share: TimerShare; stealBefore: Date } | null = null,
  ): Promise<number> {
    let failure: unknown = null;
    const handled = await this.transaction(async (em) => {
      const claimed = await timerRepo.claimDue(em, now, limit, share);
      if (!claimed.length) return 0;
      const ids = [...new Set(claimed.map((c) => c.instance.id))];
      // Fires prepared ahead that still hold under the lock: the instance's one claimed timer, at
      // the version the fire started from. (A second timer of the instance in the batch would
      // need the engine after the first: those fire the ordinary way.)
      const claims = new Map<string, number>();
      for (const c of claimed) claims.set(c.instance.id, (claims.get(c.instance.id) ?? 0) + 1);
      const prepared = new Map<string, PreparedFire>();
      for (const c of claimed) {
        const entry = this.ahead.get(c.instance.id);
        if (!entry?.prepared) continue;
        const holds =
          entry.version === c.instance.version &&
          entry.prepared.elementId === c.timer.elementId &&
          claims.get(c.instance.id) === 1;
        if (holds) prepared.set(c.instance.id, entry.prepared);
        else this.forget(c.instance.id);
      }
      // The claim reads no engine state: a hot engine or a prepared fire does not need it. The
      // others' in one read.
      const cold = claimed.filter(
        (c) => !prepared.has(c.instance.id) && this.loadedVersion(c.instance.id) !== c.instance.version,
      );
      const states = await timerRepo.states(em, [...new Set(cold.map((c) => c.instance.id))]);
      for (const c of cold) c.instance.state = states.get(c.instance.id)!;
      const openTasks = await timerRepo.openTasks(em, ids);
      const pending = await timerRepo.pendingTimers(em, ids);
      const claimedIds = new Set(claimed.map((c) => c.timer.id));
      const marks: { id: string; status: 'fired' | 'cancelled' }[] = [];
      // What was read for the batch holds until an instance's first fire; a second timer of the
      // same instance reads afresh, and one whose instance failed waits for the next poll.
      const fired = new Set<string>();
      const failed = new Set<string>();
      // The fires' states, tasks and paths are written for the whole batch in three statements.
      const batch = noWrites();
      for (const c of claimed) {
        const id = c.instance.id;
        if (failed.has(id)) continue;
        // A second fire of an instance reads its rows: what the first wrote must be there.
        if (fired.has(id)) await this.writeDeferred(em, batch, now);
        const deferred = noWrites();
        const known: KnownRows = fired.has(id)
          ? { deferred }
          : {
              openTasks: openTasks.filter((t) => t.instanceId === id),
              pendingTimers: pending.filter((t) => t.instanceId === id && !claimedIds.has(t.id)),
              deferred,
              prepared: prepared.get(id),
            };
        // The savepoint is taken before the fire's first statement that writes at once (a
        // service, a cancellation); a fire that only leaves deferred rows needs none, since
        // dropping them undoes it. A fire that succeeded keeps its savepoint (released at
        // commit): the next one nests inside it, so a rollback to the name still undoes only
        // that next fire.
        let savepoint = false;
        const beforeWrite = async () => {
          if (savepoint) return;
          savepoint = true;
          // The rows held back for the commit (audit entries) are the earlier fires': written before
          // the savepoint, a rollback to it leaves them, and drops only what this fire adds.
          await this.db.flushDeferred(em);
          await timerRepo.savepoint(em);
        };
        try {
          marks.push({ id: c.timer.id, status: await this.fire(em, c, now, null, known, beforeWrite) });
          fired.add(id);
          batch.states.push(...deferred.states);
          batch.tasks.push(...deferred.tasks);
          batch.activities.push(...deferred.activities);
        } catch (err) {
          if (savepoint) {
            await timerRepo.rollbackToSavepoint(em);
            await timerRepo.release(em);
            this.db.dropDeferred(em);
          }
          this.forget(id);
          failed.add(id);
          if (err instanceof IncidentError) await incidents.record(em, err.draft, now);
          else failure ??= err;
        }
      }
      await this.writeDeferred(em, batch, now);
      await timerRepo.mark(em, marks, now);
      return claimed.length;
    });
    if (failure) throw failure;
    return handled;
  }

  /** Writes and empties what a timer batch's fires left for it. */
  private async writeDeferred(em: EntityManager, batch: DeferredWrites, now: Date): Promise<void> {
    await repo.saveStates(em, batch.states, now);
    await repo.insertTasks(em, batch.tasks);
    await repo.logActivitiesOfMany(em, batch.activities, now);
    Object.assign(batch, noWrites());
  }

  /** Fires a timer that failed before (an incident's retry); its incident resolves on success. */
  async retryTimer(timerId: string, actorId: string): Promise<void> {
    await this.transaction(async (em) => {
      const timer = await repo.lockPendingTimer(em, timerId);
      if (!timer) throw AppError.conflict('TIMER_GONE', '该定时器已不再等待触发（流程已离开该环节）');
      const instance = await repo.lockInstance(em, timer.instanceId);
      const now = this.clock.now();
      await this.fire(em, { timer, instance }, now, actorId);
      await incidents.resolveCleared(
        em,
        { instanceId: timer.instanceId, timerId: timer.id },
        { by: actorId, reason: '定时器已重新触发成功，自动解除', now },
      );
    });
  }

  /**
   * Fires one timer of a locked instance and persists the step once. A cold engine is recovered
   * here rather than by `session`: bpmn-engine completes a timer whose due time passed on its own
   * clock during recovery, and that completion is this timer's firing. Without `known` (a retry)
   * the timer row is marked here; a batch marks its timers together and passes the rows it read.
   */
  private async fire(
    em: EntityManager,
    { timer, instance }: { timer: TimerEntity; instance: ProcessInstanceEntity | null },
    now: Date,
    actorId: string | null,
    known?: KnownRows,
    beforeWrite?: () => Promise<void>,
  ): Promise<'fired' | 'cancelled'> {
    if (!instance || instance.status !== 'running') {
      if (!known) await repo.markTimer(em, timer.id, 'cancelled', now);
      return 'cancelled';
    }
    const step: StepContext = { em, actorId, now, beforeWrite };
    try {
      this.touch(em, instance.id);
      if (known?.prepared && known.deferred) {
        await this.writePrepared(em, instance, known.prepared, known.deferred, now);
        return 'fired';
      }
      const hot = this.take(instance.id);
      const { session, effects: recovered } =
        hot && hot.version === instance.version
          ? { session: hot.session, effects: null }
          : await EngineSession.recover(
              instance.state,
              await this.definitions.model(em, instance.definitionId),
              { instanceId: instance.id, businessKey: instance.businessKey },
              this.services,
              step,
            );
      const armed = session.timers.list().some((t) => t.elementId === timer.elementId);
      const effects = armed ? await session.fireTimer(timer.elementId, step) : null;
      const ranTimer = (e: StepEffects | null) =>
        !!e?.activities.some((a) => a.elementId === timer.elementId && a.event === 'end');
      const status = ranTimer(recovered) || (effects?.fired ?? false) ? 'fired' : 'cancelled';
      if (!known) await repo.markTimer(em, timer.id, status, now);
      await this.persist(step, instance, session, mergeEffects(session, recovered, effects), known);
      return status;
    } catch (err) {
      if (!(err instanceof StepFailure)) throw err;
      throw new IncidentError(`定时器触发后流程出错：${err.message}`, {
        instanceId: instance.id,
        kind: 'timer',
        elementId: err.elementId ?? timer.elementId,
        elementName: err.elementName,
        timerId: timer.id,
        cause: err.reason,
        rawError: err.raw,
        payload: { timerElementId: timer.elementId, dueAt: timer.dueAt },
      });
    }
  }

  /**
   * Leaves a fire prepared ahead to the batch's writes, as `persist` leaves a fire run now: the
   * instance is locked at the version the fire started from. Its tasks are dated `now`, the
   * commit's time, as a fire run now dates them (when the task opened, not when its timer fell due),
   * and on another day than the fire ahead ran their due dates are counted from this one.
   */
  private async writePrepared(
    em: EntityManager,
    instance: ProcessInstanceEntity,
    prepared: PreparedFire,
    deferred: DeferredWrites,
    now: Date,
  ): Promise<void> {
    const today = this.clock.today();
    const tasks = prepared.tasks.map((task) => ({ ...task, createdAt: now }));
    if (today !== prepared.today) {
      tasks.length = 0;
      for (const wait of prepared.waits) tasks.push(await this.newTask(em, instance.id, wait, now, today));
    }
    this.forget(instance.id);
    deferred.states.push({
      id: instance.id,
      version: instance.version,
      stateJson: prepared.stateJson,
      status: 'running',
      outcome: prepared.outcome,
    });
    deferred.tasks.push(...tasks);
    if (prepared.activities.length)
      deferred.activities.push({ instanceId: instance.id, events: prepared.activities });
    Object.assign(instance, { version: instance.version + 1, status: 'running', outcome: prepared.outcome });
  }

  /**
   * Runs a timer's fire ahead on an engine loaded for it, at its due instant, and returns what it
   * would write; null when the fire needs a write that cannot wait (a service call, a task it
   * cancels, a timer row to change, the end of the case) — then the engine is spent and the timer
   * fires at due time the ordinary way. Runs in the warmer's read-only transaction.
   */
  private async prefire(
    em: EntityManager,
    head: { id: string; outcome: string | null },
    session: EngineSession,
    timer: TimerEntity,
    rows: { openTasks: TaskEntity[]; otherTimers: TimerEntity[] },
  ): Promise<PreparedFire | null> {
    const refuse = () => Promise.reject(new Error('预先触发不能写入'));
    const step: StepContext = { em, actorId: null, now: timer.dueAt, beforeWrite: refuse };
    const effects = await session.fireTimer(timer.elementId, step).catch(() => null);
    if (!effects?.fired || session.completed) return null;
    if (rows.openTasks.some((t) => !session.isWaiting(t.elementId))) return null;
    if (!timersInSync(session.timers.list(), rows.otherTimers)) return null;
    const today = this.clock.today();
    const tasks: TaskEntity[] = [];
    for (const wait of effects.opened) tasks.push(await this.newTask(em, head.id, wait, timer.dueAt, today));
    return {
      elementId: timer.elementId,
      stateJson: JSON.stringify(session.getState()),
      outcome: effects.outcome ?? head.outcome,
      tasks,
      waits: effects.opened,
      activities: effects.activities,
      today,
    };
  }

  /**
   * Loads the engines of instances whose timers fall due by `until`, in due order, so that firing
   * them does not recover each from its stored state: at most `chunk` per call, their states read in
   * one statement. Successive calls go on where the last stopped (a cursor over the window), until
   * the window is loaded or `TIMER_WARM_MAX` engines wait ahead. It runs in a read-only transaction:
   * a recovery that would take a step (a timer already due on the engine's own clock) fails or is
   * dropped, and that timer fires from the stored state as before. `more` says a call may load more.
   * With a `share` it loads only the engines of that share's instances (the other pollers load theirs).
   */
  async warmTimers(
    now: Date,
    until: Date,
    chunk: number,
    share: TimerShare | null = null,
  ): Promise<{ warmed: number; more: boolean }> {
    for (const [id, entry] of this.ahead) {
      // Long overdue: another process fired it, or the case moved on without it.
      if (entry.dueAt.getTime() < now.getTime() - (until.getTime() - now.getTime())) this.ahead.delete(id);
    }
    const limit = Math.min(chunk, this.aheadLimit - this.ahead.size);
    if (limit <= 0) return { warmed: 0, more: false };
    if (this.warmCursor && this.warmCursor.dueAt.getTime() <= now.getTime()) this.warmCursor = null;
    // The cursor passed over the instances of other shares: when this share grows (a poller died),
    // they are in the window behind it.
    const shareKey = share ? `${share.index}/${share.count}` : null;
    if (shareKey !== this.warmShare) this.warmCursor = null;
    this.warmShare = shareKey;
    let warmed = 0;
    let more = false;
    await this.db.transaction(async (em) => {
      await timerRepo.readOnly(em);
      // Heads first (no state): instances already loaded ahead at their version are passed over.
      const wanted = new Map<string, ImminentHead>();
      for (;;) {
        const heads = await timerRepo.imminent(
          em,
          this.warmCursor ?? { dueKey: now.toISOString(), id: null },
          until,
          limit,
          share,
        );
        for (const head of heads) {
          this.warmCursor = head;
          if (wanted.has(head.id) || (this.ahead.get(head.id)?.version ?? -1) >= head.version) continue;
          wanted.set(head.id, head);
          if (wanted.size >= limit) break;
        }
        more = heads.length === limit;
        if (!more || wanted.size >= limit) break;
      }
      const ids = [...wanted.keys()];
      // Engines kept after a step at the row's version need no state; the others' in one read.
      const states = await timerRepo.states(
        em,
        ids.filter((id) => this.loadedVersion(id) !== wanted.get(id)!.version),
      );
      const openTasks = await timerRepo.openTasks(em, ids);
      const pending = await timerRepo.pendingTimers(em, ids);
      const step: StepContext = { em, actorId: null, now };
      for (const head of wanted.values()) {
        const kept = this.loaded(head.id);
        let session: EngineSession | undefined;
        if (kept?.version === head.version) session = kept.session;
        else {
          const recovered = await EngineSession.recover(
            states.get(head.id)!,
            await this.definitions.model(em, head.definitionId),
            { instanceId: head.id, businessKey: head.businessKey },
            this.services,
            step,
          ).catch(() => null);
          const effects = recovered?.effects;
          if (!effects || effects.activities.length || effects.opened.length || effects.ended) continue;
          session = recovered.session;
        }
        this.forget(head.id);
        // The timer falling due first is the one this engine is loaded for.
        const timers = pending.filter((t) => t.instanceId === head.id).sort((a, b) => +a.dueAt - +b.dueAt);
        const [timer] = timers;
        const entry = { version: head.version, dueAt: head.dueAt };
        const key = `${head.definitionId}:${timer?.elementId}`;
        if (!timer || +timer.dueAt === +timers[1]?.dueAt || this.writesAtFire.has(key)) {
          // Loaded only: it fires at due time on this engine.
          this.ahead.set(head.id, { ...entry, session });
          warmed++;
          continue;
        }
        const others = timers.slice(1);
        const prepared = await this.prefire(em, head, session, timer, {
          openTasks: openTasks.filter((t) => t.instanceId === head.id),
          otherTimers: others,
        });
        // The engine has fired in memory either way; without a prepared fire it is of no use.
        if (!prepared) {
          this.writesAtFire.add(key);
          continue;
        }
        this.ahead.set(head.id, { ...entry, prepared });
        warmed++;
      }
    });
    return { warmed, more: more && this.ahead.size < this.aheadLimit };
  }

  /**
   * Where a running instance waits when it has no task and no timer (a message or signal no API
   * delivers): the stalled-case watchdog names it on the incident. Read only.
   */
  async waitingAt(instanceId: string): Promise<{ elementId: string; name: string } | null> {
    return this.db.read(async (em) => {
      const instance = await repo.byId(em, instanceId);
      if (!instance) return null;
      const step: StepContext = { em, actorId: null, now: this.clock.now() };
      try {
        const { session } = await EngineSession.recover(
          instance.state,
          await this.definitions.model(em, instance.definitionId),
          { instanceId: instance.id, businessKey: instance.businessKey },
          this.services,
          step,
        );
        const [first] = session.postponed();
        return first ? { elementId: first.elementId, name: first.name } : null;
      } catch {
        return null;
      }
    });
  }

  /** The hot engine if it is the committed version, else one recovered from the stored state. */
  private async session(step: StepContext, instance: InstanceHead): Promise<EngineSession> {
    this.touch(step.em, instance.id);
    const hot = this.take(instance.id);
    if (hot && hot.version === instance.version) return hot.session;
    const { session, effects } = await EngineSession.recover(
      // A row read without its state still has the property (undefined), as the entity declares it.
      ('state' in instance && instance.state) || (await repo.stateOf(step.em, instance.id)),
      await this.definitions.model(step.em, instance.definitionId),
      { instanceId: instance.id, businessKey: instance.businessKey },
      this.services,
      step,
    );
    // A timer that fell due while no engine was loaded fires during recovery; keep what it did.
    if (effects.opened.length || effects.ended) await this.persistEffects(step, instance, session, effects);
    else await repo.logActivities(step.em, instance.id, effects.activities, step.now);
    return session;
  }

  private async persist(
    step: StepContext,
    instance: InstanceHead,
    session: EngineSession,
    effects: StepEffects,
    known?: KnownRows,
  ): Promise<StepResult> {
    const { opened: openedTasks, timers } = await this.persistEffects(
      step,
      instance,
      session,
      effects,
      known,
    );
    const ended = session.completed;
    const outcome = effects.outcome ?? instance.outcome;
    const status = ended ? 'completed' : 'running';
    let version: number;
    if (known?.deferred && !ended) {
      const stateJson = JSON.stringify(session.getState());
      known.deferred.states.push({ id: instance.id, version: instance.version, stateJson, status, outcome });
      version = instance.version + 1;
    } else {
      await step.beforeWrite?.();
      version = await repo.saveState(step.em, instance, {
        state: session.getState(),
        status,
        outcome,
        now: step.now,
      });
    }
    Object.assign(instance, { version, status, outcome });
    if (ended) {
      await this.services.ended(
        { instanceId: instance.id, businessKey: instance.businessKey, outcome, variables: session.variables },
        step,
      );
    } else {
      this.remember(instance.id, version, session, timers);
    }
    return { instance, openedTasks, ended, outcome };
  }

  private async persistEffects(
    step: StepContext,
    instance: InstanceHead,
    session: EngineSession,
    effects: StepEffects,
    known?: KnownRows,
  ): Promise<{ opened: TaskEntity[]; timers: TimerEntity[] }> {
    const { em, now } = step;
    // An ending step writes at once: the end hooks run after it and may read what it wrote.
    const deferred = session.completed ? undefined : known?.deferred;
    if (effects.outcome) instance.outcome = effects.outcome;
    if (deferred) {
      if (effects.activities.length)
        deferred.activities.push({ instanceId: instance.id, events: effects.activities });
    } else {
      if (effects.activities.length) await step.beforeWrite?.();
      await repo.logActivities(em, instance.id, effects.activities, now);
    }
    for (const open of known?.openTasks ?? (await repo.openTasks(em, instance.id))) {
      if (!session.isWaiting(open.elementId)) {
        await step.beforeWrite?.();
        await repo.finishTask(em, open.id, 'cancelled', { completedAt: now });
      }
    }
    const opened: TaskEntity[] = [];
    for (const wait of effects.opened) {
      const task = await this.newTask(em, instance.id, wait, now, this.clock.today());
      if (deferred) deferred.tasks.push(task);
      else {
        await step.beforeWrite?.();
        await repo.insertTask(em, task);
      }
      opened.push(task);
    }
    const armed = session.completed ? [] : session.timers.list();
    const pending = known?.pendingTimers;
    if (pending && timersInSync(armed, pending)) return { opened, timers: pending };
    await step.beforeWrite?.();
    return { opened, timers: await repo.syncTimers(em, instance.id, armed, now, pending) };
  }

  /** The task row a user task the engine now waits on opens, its due date counted from `today`. */
  private async newTask(
    em: EntityManager,
    instanceId: string,
    wait: OpenedWait,
    now: Date,
    today: string,
  ): Promise<TaskEntity> {
    const info = readUserTaskInfo(wait.behaviour);
    const spec = info.due ?? null;
    const due = spec ? (await this.calendars.current(em)).due(spec, today) : null;
    return {
      id: randomUUID(),
      instanceId,
      elementId: wait.elementId,
      name: wait.name,
      candidateGroups: info.candidateGroups,
      form: info.fields as object[],
      due: spec ? `${spec.amount}${spec.unit}` : null,
      dueDate: due?.date ?? null,
      dueDateCertain: due?.certain ?? true,
      status: 'open',
      data: null,
      completedBy: null,
      assignee: null,
      assignedAt: null,
      createdAt: now,
      completedAt: null,
    };
  }

  /**
   * The instance's loaded engine, if one is: loaded ahead for its timer, or kept after a step. An
   * engine that has fired ahead is not the engine of any committed version.
   */
  private loaded(instanceId: string): HotEngine | undefined {
    const ahead = this.ahead.get(instanceId);
    if (!ahead) return this.hot.get(instanceId);
    return ahead.session && { version: ahead.version, session: ahead.session };
  }

  /** The version of the instance whose engine is loaded, if one is. */
  private loadedVersion(instanceId: string): number | undefined {
    return this.loaded(instanceId)?.version;
  }

  /** Takes the loaded engine out: a step uses it, and it comes back (`remember`) only if the step commits. */
  private take(instanceId: string): HotEngine | undefined {
    const entry = this.loaded(instanceId);
    this.forget(instanceId);
    return entry;
  }

  private forget(instanceId: string): void {
    this.ahead.delete(instanceId);
    this.hot.delete(instanceId);
  }

  private remember(
    instanceId: string,
    version: number,
    session: EngineSession,
    timers?: TimerEntity[],
  ): void {
    // Re-inserted at the end: the Map's order is the order of last use.
    this.forget(instanceId);
    this.hot.set(instanceId, { version, session, timers });
    while (this.hot.size > this.hotLimit) this.hot.delete(this.hot.keys().next().value!);
  }

  private touch(em: EntityManager, instanceId: string): void {
    const set = this.touched.get(em) ?? new Set<string>();
    set.add(instanceId);
    this.touched.set(em, set);
  }
}

/** The engine's armed timers are the pending timer rows: the same elements, none missing. */
function timersInSync(armed: ArmedTimer[], pending: TimerEntity[]): boolean {
  return (
    pending.length === armed.length &&
    armed.every((t) => pending.some((row) => row.elementId === t.elementId)) &&
    pending.every((row) => armed.some((t) => t.elementId === row.elementId))
  );
}

/** A timer fire's effects with those of the recovery before it, persisted as one step. */
function mergeEffects(session: EngineSession, ...parts: (StepEffects | null)[]): StepEffects {
  const present = parts.filter((p): p is StepEffects => p !== null);
  return {
    // A task the recovery opened and the fire then left is not opened at all.
    opened: present
      .flatMap((p) => p.opened)
      .filter((o) => session.completed || session.isWaiting(o.elementId)),
    ended: present.some((p) => p.ended),
    outcome: present.reduce<string | null>((o, p) => p.outcome ?? o, null),
    activities: present.flatMap((p) => p.activities),
  };
}
