import * as fs from 'node:fs';
import * as path from 'node:path';
import { Engine } from 'bpmn-engine';
import { expressions, moddleOptions } from '@app/process-models';
import { EngineSession } from './engine-session';
import { engineModel } from './engine-model';
import { ServiceRegistry, StepContext } from './service-registry';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/models');
const V1 = fs.readFileSync(path.join(FIXTURES, 'migrate-v1.bpmn'), 'utf8');
const step = (): StepContext => ({ em: null as never, actorId: null, now: new Date('2026-11-02T02:00:00Z') });
const ids = { instanceId: 'i-1', businessKey: 'b-1' };
const size = (state: object) => JSON.stringify(state).length;

/** What bpmn-engine itself saves for the same waiting instance: the state with the model in it. */
async function engineOwnState(running?: EngineSession): Promise<{ definitions: { source?: string }[] }> {
  const session =
    running ??
    (await EngineSession.start(await engineModel(V1), ids, {}, new ServiceRegistry(), step())).session;
  const own = (session as unknown as { execution: { getState(): object } }).execution.getState();
  return JSON.parse(JSON.stringify(own));
}

describe('the engine model: parsed once, not saved in each state', () => {
  it('is made once per source and shared', async () => {
    expect(await engineModel(V1)).toBe(await engineModel(V1));
  });

  it('saves a state without the model, a fraction of what bpmn-engine would save (低保 model)', async () => {
    const dibao = fs.readFileSync(
      path.resolve(__dirname, '../../../processes/dibao-application.bpmn'),
      'utf8',
    );
    const services = new ServiceRegistry();
    // Every service the model calls answers at once: the instance reaches its first user task.
    for (const name of new Set([...dibao.matchAll(/sa:service="([^"]+)"/g)].map((m) => m[1])))
      services.register(name, async () => ({}));
    const start = { applicantName: '王建国', regionCode: '410799100201', nearRelative: false };
    const { session } = await EngineSession.start(await engineModel(dibao), ids, start, services, step());
    const saved = JSON.parse(JSON.stringify(session.getState()));
    expect(saved.definitions).toHaveLength(1);
    expect(saved.definitions[0]).not.toHaveProperty('source');
    const own = await engineOwnState(session);
    expect(typeof own.definitions[0].source).toBe('string');
    expect(size(saved)).toBeLessThan(size(own) / 3);
  });

  it('recovers a state saved without the model and goes on as one recovered with it', async () => {
    const services = new ServiceRegistry();
    const model = await engineModel(V1);
    const { session } = await EngineSession.start(model, ids, {}, services, step());
    const saved = JSON.parse(JSON.stringify(session.getState()));
    const { session: recovered } = await EngineSession.recover(saved, model, ids, services, step());
    expect(recovered.isWaiting('Task_Check')).toBe(true);
    expect(recovered.timers.list().map((t) => t.elementId)).toEqual(['Timer_Overdue']);
    const effects = await recovered.signal('Task_Check', { opinion: '同意' }, step());
    expect(effects.ended).toBe(true);
    expect(effects.outcome).toBe('confirmed');
  });

  it('still recovers a state saved with the model in it (rows saved before, migrations)', async () => {
    const services = new ServiceRegistry();
    const own = await engineOwnState();
    // A model object of another source: the state's own copy must win.
    const other = await engineModel(V1.replace('migrate', 'migrate'));
    const { session } = await EngineSession.recover(own, other, ids, services, step());
    expect(session.isWaiting('Task_Check')).toBe(true);
    const effects = await session.signal('Task_Check', { opinion: '同意' }, step());
    expect(effects.ended).toBe(true);
  });

  it('runs the same model bpmn-engine parses from the XML', async () => {
    const fromXml = new Engine({ source: V1, moddleOptions, expressions });
    const [definition] = await fromXml.getDefinitions();
    const model = await engineModel(V1);
    expect(model.id).toBe(definition.id);
    expect(model.context.serialize()).toBe(
      (
        definition as unknown as { environment: { options: { source: { serialize(): string } } } }
      ).environment.options.source.serialize(),
    );
  });
});
