import { EventEmitter } from 'node:events';
import { Engine, Execution } from 'bpmn-engine';
import { DurableTimers } from './durable-timers';
import { expressions, moddleOptions, readOutcome, readServiceInfo } from '@app/process-models';
import { AppError } from '@app/common';
import { ServiceCall, ServiceRegistry, StepContext } from './service-registry';
import { describeFailure } from './incidents/step-failure';
import { EngineModel, withoutModel } from './engine-model';

/** A user task the engine started waiting on during the current step. */
export interface OpenedWait {
  elementId: string;
  name: string;
  /** The user task's model element, read by the model's element-info readers. */
  behaviour: unknown;
}

/** An activity that ended or a sequence flow that was taken, in the order the engine ran them. */
export interface ActivityEvent {
  elementId: string;
  elementType: string;
  event: 'end' | 'take';
}

/** Everything a step did that the host must persist with it. */
export interface StepEffects {
  opened: OpenedWait[];
  ended: boolean;
  outcome: string | null;
  /** The path the step took, for the case diagram. */
  activities: ActivityEvent[];
}

/** The variables of a process run, as the engine's environment exposes them. */
interface ProcessEnvironment {
  readonly variables: Record<string, unknown>;
  assignVariables(values: Record<string, unknown>): void;
}

/** The parts of the element API that bpmn-engine passes to listeners that this session reads. */
interface ElementEventApi {
  readonly id: string;
  readonly type: string;
  readonly name?: string;
  readonly content?: { isRecovered?: boolean };
  readonly owner: { behaviour: unknown };
  readonly environment: ProcessEnvironment;
}

/**
 * One live bpmn-engine execution of one process instance. It is created by starting or by
 * recovering saved state, kept hot between steps, and thrown away whenever a step fails, because
 * then its memory is ahead of the database.
 */
export class EngineSession {
  private execution: Execution | null = null;
  private step: StepContext | null = null;
  private effects: StepEffects = emptyEffects();
  private readonly inflight = new Set<Promise<void>>();
  private failure: unknown = null;
  private finished = false;
  private readonly listener = new EventEmitter();
  /** The process environment: the one gateways read (the engine's own copy is a clone). */
  private processEnvironment: ProcessEnvironment | null = null;
  private readonly waiting = new Map<string, ElementEventApi>();
  /** Names of the elements the engine entered, to name the one a failure came from. */
  private readonly names = new Map<string, string>();

  private constructor(
    private readonly engine: Engine,
    readonly timers: DurableTimers,
    readonly instanceId: string,
    readonly businessKey: string,
    private readonly services: ServiceRegistry,
  ) {
    this.listener.on('activity.enter', (api: ElementEventApi) => {
      if (api.name) this.names.set(api.id, api.name);
    });
    this.listener.on('activity.wait', (api: ElementEventApi) => {
      this.processEnvironment = api.environment;
      if (api.type !== 'bpmn:UserTask') return;
      this.waiting.set(api.id, api);
      if (api.content?.isRecovered) return;
      this.effects.opened.push({
        elementId: api.id,
        name: api.name ?? api.id,
        behaviour: api.owner.behaviour,
      });
    });
    this.listener.on('activity.end', (api: ElementEventApi) => {
      this.processEnvironment = api.environment;
      this.waiting.delete(api.id);
      this.effects.activities.push({ elementId: api.id, elementType: api.type, event: 'end' });
      const outcome = api.type === 'bpmn:EndEvent' ? readOutcome(api.owner) : undefined;
      if (outcome) this.effects.outcome = outcome;
    });
    this.listener.on('flow.take', (api: ElementEventApi) => {
      this.effects.activities.push({ elementId: api.id, elementType: api.type, event: 'take' });
    });
    this.engine.on('error', (err: unknown) => this.fail(err));
    this.engine.on('end', () => {
      this.effects.ended = true;
      this.finished = true;
    });
  }

  static async start(
    model: EngineModel,
    ids: { instanceId: string; businessKey: string },
    variables: Record<string, unknown>,
    services: ServiceRegistry,
    step: StepContext,
  ): Promise<{ session: EngineSession; effects: StepEffects }> {
    const session = EngineSession.create(
      (options) => new Engine({ sourceContext: model.context, ...options }),
      ids,
      services,
      step,
    );
    const effects = await session.run(step, async () => {
      session.execution = await session.engine.execute({ listener: session.listener, variables });
    });
    return { session, effects };
  }

  /**
   * `model` is the instance's model: a state saved by `getState` does not carry it. A state that
   * still does (saved before, or rewritten by a migration) recovers from its own copy.
   */
  static async recover(
    state: object,
    model: EngineModel,
    ids: { instanceId: string; businessKey: string },
    services: ServiceRegistry,
    step: StepContext,
  ): Promise<{ session: EngineSession; effects: StepEffects }> {
    // Always a new Engine: bpmn-engine refuses to recover into one that is running.
    const session = EngineSession.create(
      (options) => new Engine({ sourceContext: model.context, ...options }).recover(state),
      ids,
      services,
      step,
    );
    const effects = await session.run(step, async () => {
      session.execution = await session.engine.resume({ listener: session.listener });
    });
    return { session, effects };
  }

  private static create(
    makeEngine: (options: Record<string, unknown>) => Engine,
    ids: { instanceId: string; businessKey: string },
    services: ServiceRegistry,
    firstStep: StepContext,
  ): EngineSession {
    const holder: { session?: EngineSession } = {};
    const timers = new DurableTimers(() => holder.session?.step?.now ?? firstStep.now);
    const engine = makeEngine({
      name: ids.instanceId,
      moddleOptions,
      expressions,
      timers,
      extensions: { saServices: serviceExtension(holder) },
      settings: { enableDummyService: false },
      ...(process.env.DEBUG ? {} : { Logger: silentLogger }),
    });
    const session = new EngineSession(engine, timers, ids.instanceId, ids.businessKey, services);
    holder.session = session;
    return session;
  }

  get variables(): Record<string, unknown> {
    return (this.processEnvironment ?? this.started().environment).variables;
  }

  /** The process reached its end (bpmn-engine then reports the execution as idle). */
  get completed(): boolean {
    return this.finished;
  }

  /** The state to save: without the model, which recovery takes from the instance's definition. */
  getState(): object {
    return withoutModel(this.started().getState());
  }

  /** True if a user task of this element is waiting for a signal. */
  isWaiting(elementId: string): boolean {
    return this.started()
      .getPostponed()
      .some((api) => api.id === elementId && api.type === 'bpmn:UserTask');
  }

  signal(elementId: string, values: Record<string, unknown>, step: StepContext): Promise<StepEffects> {
    return this.run(step, async () => {
      const api = this.waiting.get(elementId);
      if (!api) throw new Error(`element ${elementId} is not waiting`);
      api.environment.assignVariables(values);
      this.started().signal({ id: elementId, ...values });
    });
  }

  fireTimer(elementId: string, step: StepContext): Promise<StepEffects & { fired: boolean }> {
    let fired = false;
    return this.run(step, async () => {
      fired = this.timers.fire(elementId);
    }).then((effects) => ({ ...effects, fired }));
  }

  /**
   * Runs one step and waits until the engine has settled: every service call answered. A failure
   * is a `StepFailure` naming the element and the cause, except a service's own refusal (an
   * AppError below 500: the user can put it right), which passes through unchanged.
   */
  private async run(step: StepContext, act: () => Promise<void>): Promise<StepEffects> {
    this.step = step;
    this.effects = emptyEffects();
    this.failure = null;
    try {
      try {
        await act();
      } catch (err) {
        this.fail(err);
      }
      for (;;) {
        await new Promise((resolve) => setImmediate(resolve));
        if (this.inflight.size === 0) break;
        await Promise.allSettled([...this.inflight]);
      }
      if (this.failure) {
        if (this.failure instanceof AppError && this.failure.status < 500) throw this.failure;
        throw describeFailure(this.failure, (id) => this.names.get(id));
      }
      return this.effects;
    } finally {
      this.step = null;
    }
  }

  /** The elements the engine waits at that no user acts on (for the stalled-case watchdog). */
  postponed(): { elementId: string; name: string; type: string }[] {
    return this.started()
      .getPostponed()
      .map((api) => ({ elementId: api.id, name: api.name ?? api.id, type: api.type }));
  }

  /** The execution exists once `start` or `recover` has run its first step. */
  private started(): Execution {
    if (!this.execution) throw new Error(`流程实例 ${this.instanceId} 尚未启动`);
    return this.execution;
  }

  callService(name: string, call: ServiceCall): Promise<Record<string, unknown> | void> {
    const handler = this.services.get(name);
    if (!handler) return Promise.reject(new Error(`未注册的服务：${name}（元素 ${call.elementId}）`));
    const step = this.step;
    if (!step) return Promise.reject(new Error(`服务 ${name} 在步骤之外被调用`));
    if (!step.beforeWrite) return handler(call, step);
    return step.beforeWrite().then(() => handler(call, step));
  }

  track(promise: Promise<void>): void {
    this.inflight.add(promise);
    promise.finally(() => this.inflight.delete(promise));
  }

  fail(err: unknown): void {
    if (!this.failure) this.failure = err;
  }
}

/**
 * bpmn-engine's default logger creates `debug` loggers for every element of every engine it
 * builds, which a timer fire pays for on each recovery; with DEBUG set they are kept.
 */
function silentLogger() {
  const nothing = () => undefined;
  return { debug: nothing, error: nothing, warn: nothing };
}

function emptyEffects(): StepEffects {
  return { opened: [], ended: false, outcome: null, activities: [] };
}

type ServiceCallback = (err: unknown, output?: unknown) => void;

/** The parts of a bpmn-elements activity that the service extension reads, and the one it sets. */
interface ServiceTaskActivity {
  readonly id: string;
  readonly type: string;
  readonly name?: string;
  readonly environment: ProcessEnvironment;
  /** bpmn-elements constructs `behaviour.Service` with `new` and calls its `execute`. */
  readonly behaviour: { Service?: new () => { execute(message: unknown, callback: ServiceCallback): void } };
}

/** Service tasks call the domain service named by `sa:service`, inside the step's transaction. */
function serviceExtension(holder: { session?: EngineSession }) {
  return (activity: ServiceTaskActivity) => {
    if (activity.type !== 'bpmn:ServiceTask') return;
    activity.behaviour.Service = class SaService {
      execute(_message: unknown, callback: ServiceCallback): void {
        const session = holder.session!;
        const attributes = readServiceInfo(activity) as Record<string, string>;
        const call: ServiceCall = {
          instanceId: session.instanceId,
          businessKey: session.businessKey,
          elementId: activity.id,
          elementName: activity.name ?? activity.id,
          attributes,
          variables: { ...activity.environment.variables },
        };
        const work = session.callService(attributes.service, call).then(
          (output) => {
            // Outputs become process variables, visible to gateways and to later documents.
            if (output && Object.keys(output).length) activity.environment.assignVariables(output);
            callback(null, output ?? {});
          },
          (err) => {
            const known = { elementId: activity.id, elementName: activity.name ?? activity.id };
            session.fail(
              err instanceof AppError && err.status < 500
                ? err
                : describeFailure(err, () => undefined, known),
            );
            callback(err);
          },
        );
        session.track(work);
      }
    };
  };
}
