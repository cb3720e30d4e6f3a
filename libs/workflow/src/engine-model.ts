import { Engine } from 'bpmn-engine';
import { expressions, moddleOptions } from '@app/process-models';
import { sourceCache } from './source-cache';

/**
 * A model as bpmn-engine runs it: the XML parsed by bpmn-moddle and serialized once, then shared by
 * every engine of that model. bpmn-engine otherwise parses the XML for each case it starts, and it
 * saves the serialized model inside every state (most of the state's size), which each recovery
 * parses and deserializes again. A state saved by `EngineSession` leaves the model out; recovery
 * takes it from here, by the definitions id.
 */
export interface EngineModel {
  /** The id of the model's bpmn:Definitions, as a saved state names it. */
  readonly id: string;
  /** The serialized moddle context (bpmn-engine's `sourceContext`). Never changed once made. */
  readonly context: SerializedContext;
}

/** bpmn-engine's `sourceContext` (moddle-context-serializer's serializable context). */
type SerializedContext = NonNullable<NonNullable<ConstructorParameters<typeof Engine>[0]>['sourceContext']>;

interface LoadedDefinition {
  id: string;
  environment: { options: { source: SerializedContext } };
}

const models = sourceCache<EngineModel>(50);

/** The engine's form of the model `xml`, made once per distinct source. */
export function engineModel(xml: string): Promise<EngineModel> {
  return models(xml, async () => {
    // The engine's own loading path, so the context is exactly what `new Engine({ source })` makes.
    const engine = new Engine({ source: xml, moddleOptions, expressions });
    const loaded = (await engine.getDefinitions()) as unknown as LoadedDefinition[];
    if (loaded.length !== 1)
      throw new Error(`流程模型应只有一个 bpmn:Definitions（现有 ${loaded.length} 个）`);
    const context = loaded[0].environment.options.source;
    // bpmn-engine writes the model into each state it gives; the text of an unchanging model is
    // made once (the state's copy is dropped before saving anyway).
    const text = context.serialize();
    Object.assign(context, { serialize: () => text });
    return { id: loaded[0].id, context };
  });
}

interface SavedState {
  definitions?: { id?: string; source?: unknown }[];
}

/** The state without the model each definition carries (recovery takes it from `engineModel`). */
export function withoutModel<T extends object>(state: T): T {
  for (const definition of (state as SavedState).definitions ?? []) delete definition.source;
  return state;
}
