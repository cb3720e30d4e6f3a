/**
 * Runs a model in memory with bare bpmn-engine, driven the way the host drives it, so the model
 * specs exercise the same contract the host relies on (test support only; not exported by the lib).
 *
 * What the host must do the same way:
 * - user tasks emit `activity.wait`; `api.owner` is the bpmn-elements activity, whose
 *   `behaviour` holds sa:/camunda: attributes and `extensionElements.values` (formData);
 * - form values must be put into the *process* environment (`api.environment`, the one
 *   gateways read) with `assignVariables`; `engine.execution.environment` is the engine's
 *   own copy and gateways never see it;
 * - the task then continues with `engine.execution.signal({ id, ...values })`;
 * - service tasks run whatever constructor an extension puts in `activity.behaviour.Service`,
 *   and a service's output becomes process variables.
 */
import { EventEmitter } from 'node:events';
import { Engine, type BpmnEngineOptions } from 'bpmn-engine';
import { readOutcome, readServiceInfo, readUserTaskInfo, type Due, type ServiceInfo } from '../element-info';
import { expressions } from '../expressions';
import { validateFormData } from '../form-validation';
import { moddleOptions } from '../moddle';

export type Variables = Record<string, unknown>;
export type FormInput = Record<string, unknown>;
/** Submissions per user task id, as a client would send them, used in order; each must be used. */
export type Script = Record<string, FormInput[]>;

export interface WaitedTask {
  id: string;
  candidateGroups: string[];
  due?: Due;
}

export interface TimerCall {
  id?: string;
  delay: number;
}

export interface ServiceCall {
  service: string;
  attributes: { action?: string; sampleRatio?: string; template?: string };
}

export interface RunResult {
  issued: string[];
  tasks: WaitedTask[];
  timers: TimerCall[];
  /** document.issue included, so a spec can check where documents fall among the other services. */
  services: ServiceCall[];
  outcome?: string;
  /** When a template is issued twice, the later issue wins. */
  variablesAtIssue: Record<string, Variables>;
}

/**
 * Stands in for a domain service: returns the variables the host would assign, or an Error
 * (returned or thrown) to fail the run. `variables` is the live process environment, so a fake
 * that keeps it must copy it.
 */
export type FakeService = (variables: Variables, info: ServiceInfo) => Variables | Error;

export interface RunModelOptions {
  /** Variables each template reads; issuing without them fails the run, so the model must collect them first. */
  templateNeeds: Record<string, string[]>;
  /** Fail on a template templateNeeds does not list, for specs whose table is meant to be complete. */
  knownTemplatesOnly?: boolean;
  /** Every service the model calls besides document.issue; one without a fake fails the run. */
  services?: Record<string, FakeService>;
}

// Minimal views of the bpmn-elements objects the listener and extension touch.
interface ActivityLike {
  id: string;
  behaviour: Record<string, unknown>;
  environment: { variables: Variables; assignVariables(values: Variables): void };
}
interface ActivityApiLike {
  id: string;
  type: string;
  owner: ActivityLike;
  environment: { assignVariables(values: Variables): void };
}
type Callback = (err: Error | null, output?: unknown) => void;

const PUBLIC_NOTICE_OUTPUT = { publicNoticeEndDate: '2000-01-08', publicNoticeWait: 'P7D' };

/** Timers that fire on the next turn of the event loop and record the delay they were asked for. */
function immediateTimers(log: TimerCall[]) {
  const register = (owner?: { id?: string }) => ({
    setTimeout: (fn: (...args: unknown[]) => void, delay: number, ...args: unknown[]) => {
      log.push({ id: owner?.id, delay });
      return setImmediate(fn, ...args);
    },
    clearTimeout: (ref?: NodeJS.Immediate) => {
      if (ref) clearImmediate(ref);
    },
  });
  return { executing: [], register, ...register() };
}

export async function runModel(
  source: string,
  options: RunModelOptions,
  startVariables: Variables,
  script: Script,
): Promise<RunResult> {
  const { templateNeeds, knownTemplatesOnly = false, services = {} } = options;
  const result: RunResult = { issued: [], tasks: [], timers: [], services: [], variablesAtIssue: {} };
  const remaining = new Map(Object.entries(script).map(([id, inputs]) => [id, [...inputs]]));
  let failure: Error | undefined;

  const issue = (activity: ActivityLike, template: string | undefined): Error | undefined => {
    const variables = activity.environment.variables;
    const needs = templateNeeds[template ?? ''] ?? (knownTemplatesOnly ? ['(unknown template)'] : []);
    const missing = needs.filter((name) => variables[name] === undefined);
    if (!template || missing.length)
      return new Error(`${activity.id} 出具 ${template} 缺少变量 ${missing.join(', ')}`);
    result.issued.push(template);
    result.variablesAtIssue[template] = { ...variables };
  };

  // bpmn-elements calls `new Service(activity)`, so this must be a function, not an arrow.
  function Service(activity: ActivityLike) {
    return {
      execute(_message: unknown, callback: Callback) {
        const info = readServiceInfo(activity);
        const { service = '', action, sampleRatio, template } = info;
        result.services.push({ service, attributes: { action, sampleRatio, template } });
        if (service === 'document.issue') {
          const error = issue(activity, template);
          if (error) return callback(error);
          // A 公示 sets the wait its model timer reads (the host computes it to the day after the
          // printed end date; here the bare period stands for it).
          const output = template?.endsWith('public-notice') ? PUBLIC_NOTICE_OUTPUT : {};
          activity.environment.assignVariables(output);
          return callback(null, { template, ...output });
        }
        const fake = services[service];
        if (!fake) return callback(new Error(`未知服务 ${service}`));
        let output: Variables | Error;
        try {
          output = fake(activity.environment.variables, info);
        } catch (e) {
          output = e as Error;
        }
        if (output instanceof Error) return callback(output);
        activity.environment.assignVariables(output);
        return callback(null, output);
      },
    };
  }

  const engine = new Engine({
    name: 'run-model',
    source,
    moddleOptions,
    expressions,
    // The typings want bpmn-elements' own Timer objects back; the engine only needs the calls.
    timers: immediateTimers(result.timers) as unknown as BpmnEngineOptions['timers'],
    extensions: {
      saServices(activity) {
        const element = activity as unknown as ActivityLike;
        if (readServiceInfo(element).service) element.behaviour.Service = Service;
        return { activate() {}, deactivate() {} };
      },
    },
  });

  const stop = (error: Error) => {
    failure ??= error;
    setImmediate(() => engine.stop());
  };

  const listener = new EventEmitter();
  listener.on('activity.wait', (api: ActivityApiLike) => {
    const input = remaining.get(api.id)?.shift();
    if (!input) return stop(new Error(`案件停在未预期的任务 ${api.id}`));
    const info = readUserTaskInfo(api.owner);
    const { values, errors } = validateFormData(info.fields, input);
    if (errors.length)
      return stop(new Error(`${api.id} 表单无效：${errors.map((e) => e.message).join('；')}`));
    result.tasks.push({
      id: api.id,
      candidateGroups: info.candidateGroups,
      ...(info.due && { due: info.due }),
    });
    api.environment.assignVariables(values);
    engine.execution.signal({ id: api.id, ...values });
  });
  listener.on('activity.end', (api: ActivityApiLike) => {
    if (api.type === 'bpmn:EndEvent') result.outcome = readOutcome(api.owner);
  });

  const finished = new Promise<void>((resolve, reject) => {
    engine.once('end', () => resolve());
    engine.once('error', (err: Error) => reject(err));
    engine.once('stop', () => reject(failure ?? new Error('engine stopped')));
  });
  await engine.execute({ listener, variables: startVariables });
  await finished;

  const leftOver = [...remaining].filter(([, inputs]) => inputs.length > 0).map(([id]) => id);
  if (leftOver.length) throw new Error(`脚本中有未用到的提交：${leftOver.join(', ')}`);
  return result;
}
