/**
 * Version comparison on top of bpmn-js-differ, which tracks elements by `id` across the whole
 * model: our forms reuse field ids (`decision`, `reasons`) in many tasks, so it reports tasks
 * as changed whose forms are identical and can miss a real form change. Flow elements are
 * therefore also compared on their own content, and form changes are spelled out.
 */
import { diff } from 'bpmn-js-differ';
import type { ModdleElement } from './bpmn-setup';

export type ChangeKind = 'added' | 'removed' | 'changed' | 'layout';

export interface ChangeRow {
  kind: ChangeKind;
  id: string;
  name?: string;
  type: string;
  attrs: { name: string; old: string; new: string }[];
}

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return '（空）';
  if (typeof value === 'object') {
    const v = value as { body?: string; id?: string; $type?: string };
    return v.body ?? v.id ?? v.$type ?? JSON.stringify(value);
  }
  return String(value);
}

/** A stable text of an element's own content: attributes and children, references by id. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!value || typeof value !== 'object') return value;
  const el = value as ModdleElement;
  if (!el.$descriptor) return value;
  const out: Record<string, unknown> = { $type: el.$type, ...el.$attrs };
  for (const p of el.$descriptor.properties) {
    if (p.name === 'incoming' || p.name === 'outgoing' || p.name === 'flowElements') continue;
    const v = el.get(p.name);
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    out[p.name] = p.isReference
      ? Array.isArray(v)
        ? v.map((r: ModdleElement) => r?.id)
        : (v as ModdleElement).id
      : canonical(v);
  }
  return out;
}

function formSummary(el: ModdleElement): string {
  const formData = (el.extensionElements?.values ?? []).find(
    (v: ModdleElement) => v.$type === 'camunda:FormData',
  );
  const fields: ModdleElement[] = formData?.fields ?? [];
  if (!fields.length) return '（无表单）';
  return fields
    .map((f) => {
      const constraints = (f.validation?.constraints ?? []).map(
        (c: ModdleElement) => `${c.name}${c.config ? `=${c.config}` : ''}`,
      );
      const options = (f.values ?? []).map((v: ModdleElement) => v.id);
      return `${f.label ?? ''}（${f.id} ${f.type}${options.length ? ` ${options.join('/')}` : ''}${constraints.length ? ` ${constraints.join(',')}` : ''}）`;
    })
    .join('；');
}

function flowElements(definitions: ModdleElement): Map<string, ModdleElement> {
  const out = new Map<string, ModdleElement>();
  const visit = (scope: ModdleElement) => {
    for (const el of (scope.flowElements ?? []) as ModdleElement[]) {
      if (el.id) out.set(el.id, el);
      if (el.flowElements) visit(el);
    }
  };
  for (const root of (definitions.rootElements ?? []) as ModdleElement[]) {
    if (root.$type === 'bpmn:Process') visit(root);
  }
  return out;
}

export function compareModels(oldDefs: ModdleElement, newDefs: ModdleElement): ChangeRow[] {
  const changes = diff(oldDefs, newDefs);
  const rows: ChangeRow[] = [];
  for (const [id, el] of Object.entries(changes._added))
    rows.push({ kind: 'added', id, name: el.name, type: el.$type, attrs: [] });
  for (const [id, el] of Object.entries(changes._removed))
    rows.push({ kind: 'removed', id, name: el.name, type: el.$type, attrs: [] });

  const before = flowElements(oldDefs);
  const after = flowElements(newDefs);
  const changed = new Set<string>();
  for (const [id, a] of before) {
    const b = after.get(id);
    if (!b || JSON.stringify(canonical(a)) === JSON.stringify(canonical(b))) continue;
    changed.add(id);
    // bpmn-js-differ 3.2 passes jsondiffpatch's [old, new] into changed(…, newValue, oldValue): swapped.
    const attrs = Object.entries(changes._changed[id]?.attrs ?? {})
      .filter(([name]) => name !== 'extensionElements')
      .map(([name, v]) => ({ name, old: show(v.newValue), new: show(v.oldValue) }));
    const oldForm = formSummary(a);
    const newForm = formSummary(b);
    if (oldForm !== newForm) attrs.push({ name: '表单字段', old: oldForm, new: newForm });
    rows.push({ kind: 'changed', id, name: b.name, type: b.$type, attrs });
  }
  for (const [id, el] of Object.entries(changes._layoutChanged)) {
    if (changed.has(id) || changes._added[id] || changes._removed[id]) continue;
    rows.push({ kind: 'layout', id, name: el.name, type: el.$type, attrs: [] });
  }
  return rows;
}
