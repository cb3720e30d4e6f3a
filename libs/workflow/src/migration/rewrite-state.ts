/**
 * Moves a persisted bpmn-engine state onto another version of its model.
 *
 * The state (`execution.getState()`) embeds the model as the serialized moddle context in
 * `definitions[i].source`; `Engine.recover` rebuilds the definition from it and then restores every
 * activity, flow and queued message *by element id* (bpmn-elements skips ids the model does not
 * have). So a migration swaps the embedded source for the target model's, serialized by the engine
 * itself, and renames the ids of the elements the instance waits at wherever the state names an
 * element (`id`, `targetId`, `sourceId`, `attachedTo`). Everything else — variables, execution ids,
 * the queued wait messages — stays as it was, so the resumed engine is waiting at the mapped
 * elements of the new model and continues on the new model's flows.
 */
import { Engine } from 'bpmn-engine';
import { expressions, moddleOptions } from '@app/process-models';

const ELEMENT_KEYS = new Set(['id', 'targetId', 'sourceId', 'attachedTo']);

interface DefinitionState {
  id: string;
  source?: string;
  [key: string]: unknown;
}

interface EngineState {
  definitions?: DefinitionState[];
  [key: string]: unknown;
}

/** The target model's definitions as bpmn-engine serializes them into a state. */
export async function serializedDefinitions(targetXml: string): Promise<DefinitionState[]> {
  const engine = new Engine({ source: targetXml, moddleOptions, expressions });
  const state = (await engine.getState()) as unknown as EngineState;
  return state.definitions ?? [];
}

function renameDeep(value: unknown, rename: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => renameDeep(v, rename));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (key === 'source') out[key] = v;
    else if (ELEMENT_KEYS.has(key) && typeof v === 'string' && rename.has(v)) out[key] = rename.get(v);
    else out[key] = renameDeep(v, rename);
  }
  return out;
}

/**
 * A copy of `state` that runs on `targetXml`: its embedded model replaced, and element ids renamed
 * per `rename` (old id → new id). The definitions id is renamed too when the versions differ.
 */
export async function rewriteState(
  state: object,
  targetXml: string,
  rename: Record<string, string>,
): Promise<object> {
  const original = state as EngineState;
  const targets = await serializedDefinitions(targetXml);
  const definitions = original.definitions ?? [];
  if (definitions.length !== 1 || targets.length !== 1)
    throw new Error(
      `迁移只支持单个 bpmn:Definitions 的模型（原 ${definitions.length} 个，目标 ${targets.length} 个）`,
    );
  const renames = new Map(Object.entries(rename).filter(([from, to]) => from !== to));
  if (definitions[0].id !== targets[0].id) renames.set(definitions[0].id, targets[0].id);
  const rewritten = renameDeep(original, renames) as EngineState;
  rewritten.definitions![0].source = targets[0].source;
  return rewritten;
}
