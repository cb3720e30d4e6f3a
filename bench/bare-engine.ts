import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import { Engine } from 'bpmn-engine';
import { expressions, moddleOptions, readUserTaskInfo, validateFormData } from '@app/process-models';
import { Answers, answersFor } from '../apps/api/src/demo/drive';

/**
 * The same model run by bare bpmn-engine in memory: services answer at once, timers fire at once,
 * user tasks are answered like the host's driver does. Returns the number of steps taken
 * (user tasks completed + timers fired).
 */
export async function runBareLifecycle(
  source: string,
  answers: Answers,
  variables: Record<string, unknown>,
): Promise<number> {
  let steps = 0;
  const listener = new EventEmitter();
  const timers = {
    executing: [] as unknown[],
    register: () => ({
      setTimeout: (fn: () => void) => {
        steps++;
        setImmediate(fn);
        return {};
      },
      clearTimeout: () => undefined,
    }),
    setTimeout,
    clearTimeout,
  };
  // Passed as a loose bag: bpmn-elements' typings demand that an extension return an object, but
  // returning nothing is how an extension says it only adjusts the activity.
  const options: Record<string, unknown> = {
    moddleOptions,
    expressions,
    timers,
    extensions: {
      services(activity: BareActivity) {
        if (activity.type === 'bpmn:ServiceTask') {
          activity.behaviour.Service = class Service {
            execute(_m: unknown, cb: (e: unknown, o: object) => void): void {
              setImmediate(() => cb(null, {}));
            }
          };
        }
      },
    },
  };
  const engine = new Engine({ source, ...options });
  const done = new Promise<void>((resolve, reject) => {
    engine.once('end', () => resolve());
    engine.once('error', reject);
  });
  listener.on('activity.wait', (api: WaitApi) => {
    if (api.type !== 'bpmn:UserTask') return;
    const info = readUserTaskInfo(api.owner);
    const { values, errors } = validateFormData(info.fields, answersFor(info.fields as never, answers));
    if (errors.length) throw new Error(`${api.id}: ${errors[0].message}`);
    steps++;
    setImmediate(() => {
      api.environment.assignVariables(values);
      engine.execution!.signal({ id: api.id, ...values });
    });
  });
  await engine.execute({ listener, variables });
  await done;
  return steps;
}

/** The parts of a bpmn-elements activity the bench's service extension reads and sets. */
interface BareActivity {
  type: string;
  behaviour: { Service?: new () => { execute(message: unknown, cb: (e: unknown, o: object) => void): void } };
}

/** The parts of the element API passed with `activity.wait` that the bench reads. */
interface WaitApi {
  id: string;
  type: string;
  owner: unknown;
  environment: { assignVariables(values: Record<string, unknown>): void };
}

export function dibaoModel(): string {
  return fs.readFileSync('processes/dibao-application.bpmn', 'utf8');
}
