// Packages without their own types, as far as the studio uses them.
declare module 'bpmn-js-differ' {
  interface ChangedEntry {
    model: { $type: string; id: string; name?: string };
    attrs: Record<string, { oldValue: unknown; newValue: unknown }>;
  }
  interface DiffResult {
    _added: Record<string, { $type: string; id: string; name?: string }>;
    _removed: Record<string, { $type: string; id: string; name?: string }>;
    _changed: Record<string, ChangedEntry>;
    _layoutChanged: Record<string, { $type: string; id: string; name?: string }>;
  }
  export function diff(a: unknown, b: unknown): DiffResult;
}
declare module 'camunda-bpmn-moddle/resources/camunda.json' {
  const value: Record<string, unknown>;
  export default value;
}
declare module '*/sa-moddle.json' {
  const value: Record<string, unknown>;
  export default value;
}
