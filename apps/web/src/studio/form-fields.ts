/**
 * camunda:formData on a user task as plain rows the panel can edit, and back. Constraints the
 * panel does not show (min, max, minItems …) and default values are carried through unchanged.
 */
import type { Moddle, ModdleElement } from './bpmn-setup';

export interface FieldRow {
  id: string;
  label: string;
  type: string;
  required: boolean;
  /** Empty = no limit. */
  maxlength: string;
  /** One option a line: "id=名称". */
  options: string;
  defaultValue?: string;
  otherConstraints: { name: string; config?: string }[];
}

function formData(bo: ModdleElement): ModdleElement | undefined {
  const values: ModdleElement[] = bo.extensionElements?.values ?? [];
  return values.find((v) => v.$type === 'camunda:FormData');
}

export function readFieldRows(bo: ModdleElement): FieldRow[] {
  const fields: ModdleElement[] = formData(bo)?.fields ?? [];
  return fields.map((f) => {
    const constraints: ModdleElement[] = f.validation?.constraints ?? [];
    const find = (name: string) => constraints.find((c) => c.name === name);
    return {
      id: f.id ?? '',
      label: f.label ?? '',
      type: f.type ?? 'string',
      required: !!find('required'),
      maxlength: find('maxlength')?.config ?? '',
      options: ((f.values ?? []) as ModdleElement[]).map((v) => `${v.id}=${v.name ?? ''}`).join('\n'),
      ...(f.defaultValue !== undefined && { defaultValue: f.defaultValue }),
      otherConstraints: constraints
        .filter((c) => c.name !== 'required' && c.name !== 'maxlength')
        .map((c) => ({ name: String(c.name), ...(c.config !== undefined && { config: String(c.config) }) })),
    };
  });
}

export function parseOptions(text: string): { id: string; name: string }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.indexOf('=');
      return at < 0
        ? { id: line, name: line }
        : { id: line.slice(0, at).trim(), name: line.slice(at + 1).trim() };
    });
}

/** A new extensionElements with the form replaced and every other extension kept. */
export function buildExtensionElements(moddle: Moddle, bo: ModdleElement, rows: FieldRow[]): ModdleElement {
  const fields = rows.map((row) => {
    const constraints = [
      ...(row.required ? [{ name: 'required' }] : []),
      ...(row.maxlength.trim() ? [{ name: 'maxlength', config: row.maxlength.trim() }] : []),
      ...row.otherConstraints,
    ].map((c) => moddle.create('camunda:Constraint', c));
    const field = moddle.create('camunda:FormField', {
      id: row.id,
      label: row.label,
      type: row.type,
      ...(row.defaultValue !== undefined && { defaultValue: row.defaultValue }),
    });
    if (row.type === 'enum') {
      field.values = parseOptions(row.options).map((o) => {
        const value = moddle.create('camunda:Value', o);
        value.$parent = field;
        return value;
      });
    }
    if (constraints.length) {
      const validation = moddle.create('camunda:Validation', { constraints });
      validation.$parent = field;
      field.validation = validation;
    }
    return field;
  });
  const others: ModdleElement[] = (bo.extensionElements?.values ?? []).filter(
    (v: ModdleElement) => v.$type !== 'camunda:FormData',
  );
  const values = fields.length ? [...others, moddle.create('camunda:FormData', { fields })] : others;
  const extension = moddle.create('bpmn:ExtensionElements', { values });
  for (const v of values) v.$parent = extension;
  return extension;
}
