/**
 * What a model says about itself on `<bpmn:process>`: which program it belongs to, how a case of it
 * starts (an application, a procedure on an existing case, a warning), who may start it, and the
 * form its start event asks for. The host reads this instead of a table of process keys in code.
 */
import { Due, FormField, parseDue, readFormFields, splitCandidateGroups } from './element-info';
import type { BpmnElement } from './validate-model';

export const PROCESS_KINDS = ['application', 'procedure', 'monitoring'] as const;
export type ProcessKind = (typeof PROCESS_KINDS)[number];

export interface ProcessInfo {
  key: string;
  name: string;
  program?: string;
  kind?: ProcessKind;
  /** Procedures: programs of the cases they may be started on. */
  appliesTo: string[];
  /** `camunda:candidateStarterGroups`: roles that may start a procedure. */
  starterGroups: string[];
  caseNoPrefix?: string;
  caseLimit?: Due;
  caseLimitExtended?: Due;
  /** `camunda:formData` of the start event: what starting a case of this process asks for. */
  startForm: FormField[];
  /** How each `sa:outcome` reads: the name of the (first) end event that records it. */
  outcomes: Record<string, string>;
  /** `sa:requires` of each user task, by element id: what must be on the case before it is completed. */
  prerequisites: Record<string, string[]>;
}

/** The prerequisites a model may declare with `sa:requires`; the cases library knows how to check each. */
export const PREREQUISITE_KEYS = ['economics', 'authorization'] as const;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function readProcessInfo(definitions: BpmnElement): ProcessInfo | undefined {
  const roots = (definitions.rootElements as BpmnElement[] | undefined) ?? [];
  const process = roots.find((e) => e.$type === 'bpmn:Process');
  if (!process) return undefined;
  const elements = (process.flowElements as BpmnElement[] | undefined) ?? [];
  const start = elements.find((e) => e.$type === 'bpmn:StartEvent');
  const kind = text(process.kind);
  const caseLimit = parseDue(process.caseLimit);
  const caseLimitExtended = parseDue(process.caseLimitExtended);
  const program = text(process.program);
  const caseNoPrefix = text(process.caseNoPrefix);
  return {
    key: String(process.id),
    name: text(process.name) ?? String(process.id),
    ...(program && { program }),
    ...(kind && (PROCESS_KINDS as readonly string[]).includes(kind) && { kind: kind as ProcessKind }),
    appliesTo: splitCandidateGroups(process.appliesTo),
    starterGroups: splitCandidateGroups(process.candidateStarterGroups),
    ...(caseNoPrefix && { caseNoPrefix }),
    ...(caseLimit && { caseLimit }),
    ...(caseLimitExtended && { caseLimitExtended }),
    startForm: start ? readFormFields(start) : [],
    outcomes: outcomeNames(elements),
    prerequisites: prerequisitesOf(elements),
  };
}

function prerequisitesOf(elements: BpmnElement[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const task of elements.filter((e) => e.$type === 'bpmn:UserTask')) {
    const keys = splitCandidateGroups(task.requires);
    if (keys.length) out[String(task.id)] = keys;
  }
  return out;
}

function outcomeNames(elements: BpmnElement[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const end of elements.filter((e) => e.$type === 'bpmn:EndEvent')) {
    const outcome = text(end.outcome);
    const name = text(end.name);
    if (outcome && name && !(outcome in names)) names[outcome] = name;
  }
  return names;
}

/** Problems with the process attributes, reported at deploy like any other model error. */
export function processInfoProblems(definitions: BpmnElement): { elementId?: string; message: string }[] {
  const roots = (definitions.rootElements as BpmnElement[] | undefined) ?? [];
  const process = roots.find((e) => e.$type === 'bpmn:Process');
  const info = readProcessInfo(definitions);
  if (!process || !info) return [];
  const problems: { elementId?: string; message: string }[] = [];
  const at = (message: string) =>
    problems.push({ elementId: info.key, message: `流程“${info.name}”：${message}` });
  const kind = text(process.kind);
  if (kind && !info.kind) at(`sa:kind“${kind}”无效（可用：${PROCESS_KINDS.join('、')}）`);
  if (info.kind === 'application' && !info.program)
    at('申请类流程（sa:kind="application"）须写明 sa:program');
  if (info.kind === 'procedure' && !info.appliesTo.length)
    at('程序类流程（sa:kind="procedure"）须写明 sa:appliesTo');
  if (info.kind === 'procedure' && !info.starterGroups.length)
    at('程序类流程须写明 camunda:candidateStarterGroups（可发起的角色）');
  if (text(process.caseLimit) && !info.caseLimit)
    at(`sa:caseLimit“${String(process.caseLimit)}”无效，应如“30WD”`);
  if (text(process.caseLimitExtended) && !info.caseLimitExtended)
    at(`sa:caseLimitExtended“${String(process.caseLimitExtended)}”无效，应如“45WD”`);
  for (const [elementId, keys] of Object.entries(info.prerequisites)) {
    for (const key of keys)
      if (!(PREREQUISITE_KEYS as readonly string[]).includes(key))
        problems.push({
          elementId,
          message: `sa:requires“${key}”不是可检查的前提（可用：${PREREQUISITE_KEYS.join('、')}）`,
        });
  }
  if (info.caseNoPrefix && !/^[A-Z]{1,8}$/.test(info.caseNoPrefix))
    at(`sa:caseNoPrefix“${info.caseNoPrefix}”应为1至8位大写字母`);
  // A procedure's cases are numbered apart from the applications of its program: a 核查 or a
  // 终止 must not take a number of the 申请 series (nor leave a gap in it).
  if (info.kind && info.kind !== 'application' && !info.caseNoPrefix)
    at(
      `${info.kind === 'procedure' ? '程序' : '监测预警'}类流程须写明自己的案件编号前缀 sa:caseNoPrefix（1至8位大写字母，如“DBHC”），否则会占用${info.program ? `“${info.program.toUpperCase()}”` : '申请'}的编号序列`,
    );
  else if (
    info.kind &&
    info.kind !== 'application' &&
    info.program &&
    info.caseNoPrefix === info.program.toUpperCase()
  )
    at(
      `案件编号前缀 sa:caseNoPrefix“${info.caseNoPrefix}”与本项目申请案件的编号序列相同；程序类流程须使用自己的前缀（如“${info.caseNoPrefix.slice(0, 4)}HC”）`,
    );
  return problems;
}

/** The series a case of this process is numbered in (the host's rule in CaseStarter). */
export function caseSeries(info: Pick<ProcessInfo, 'caseNoPrefix' | 'program'>): string | undefined {
  return info.caseNoPrefix ?? info.program?.toUpperCase();
}
