/**
 * The XML parser the engine itself uses, with our extension descriptors.
 *
 * bpmn-moddle ≥ 10 (top level of node_modules) ships as ESM only, which jest/ts-node in
 * CommonJS mode cannot `require`. bpmn-engine depends on its own CommonJS build, so we
 * resolve bpmn-moddle from bpmn-engine's location: the validator then parses exactly as the
 * engine will (same version, same warnings).
 */
import * as path from 'node:path';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json';
import sa from './sa-moddle.json';

export interface ParseWarning {
  message: string;
  element?: { id?: string; $type?: string };
  property?: string;
}

export interface ParseResult {
  rootElement: Record<string, unknown>;
  warnings: ParseWarning[];
}

interface BpmnModdleInstance {
  fromXML(xml: string, typeName?: string): Promise<ParseResult>;
}

type BpmnModdleConstructor = new (packages?: Record<string, unknown>) => BpmnModdleInstance;

/** Pass as bpmn-engine's `moddleOptions` (and again on every recover). */
export const moddleOptions: Record<string, unknown> = { camunda, sa };

let BpmnModdle: BpmnModdleConstructor | undefined;

function loadBpmnModdle(): BpmnModdleConstructor {
  if (!BpmnModdle) {
    const enginePath = require.resolve('bpmn-engine');
    const moddlePath = require.resolve('bpmn-moddle', { paths: [path.dirname(enginePath)] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(moddlePath) as BpmnModdleConstructor | { default: BpmnModdleConstructor };
    BpmnModdle = typeof loaded === 'function' ? loaded : loaded.default;
  }
  return BpmnModdle;
}

export function parseBpmn(xml: string): Promise<ParseResult> {
  const Moddle = loadBpmnModdle();
  return new Moddle(moddleOptions).fromXML(xml);
}
