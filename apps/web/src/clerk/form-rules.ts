/**
 * A model's camunda:formData in the browser. Values are checked by the server's own
 * validateFormData (libs/process-models/src/form-validation.ts), so a clerk sees next to the field
 * the very message the server would answer with, before submitting.
 */
import { isFieldShown, validateFormData } from '@shared/process-models/form-validation';

import type { FormField } from '@web/api/types';
export type { FormField };
export type FieldValue = string | number | boolean | string[] | null | undefined;

export function isRequired(field: FormField): boolean {
  return field.constraints.some((c) => c.name === 'required' && c.config !== 'false');
}

function isEmpty(value: FieldValue): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

/**
 * The problem with one shown field's value, or '' when it is fine: the server's own check, run on
 * exactly what the form would send for this field.
 */
export function fieldError(field: FormField, value: FieldValue): string {
  // Whether the field applies is the caller's question (shownFields): alone, its condition cannot be read.
  const alone: FormField = { ...field, showIf: undefined };
  return validateFormData([alone], payload([alone], { [field.id]: value })).errors[0]?.message ?? '';
}

/** The initial value of a field in the form model. */
export function initialValue(field: FormField, today?: string): FieldValue {
  if (field.type === 'list') return [];
  // A step's dates (送达、入户、访问) are most often today's, by the application clock.
  if (field.type === 'date') return field.defaultValue ?? today ?? '';
  if (field.type === 'boolean')
    return field.defaultValue === undefined ? undefined : field.defaultValue === 'true';
  if (field.type === 'long') return field.defaultValue === undefined ? undefined : Number(field.defaultValue);
  return field.defaultValue ?? '';
}

/** A server-proposed start value in the field's input shape, or undefined when it does not fit. */
export function prefilled(field: FormField, value: unknown): FieldValue {
  if (value === undefined || value === null) return undefined;
  if (field.type === 'list') return Array.isArray(value) ? value.map(String) : undefined;
  if (field.type === 'boolean') return typeof value === 'boolean' ? value : undefined;
  if (field.type === 'long') return typeof value === 'number' ? value : undefined;
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** The request body's `data`: empty fields left out, text trimmed. */
export function payload(fields: FormField[], model: Record<string, FieldValue>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const f of fields) {
    const v = model[f.id];
    if (isEmpty(v)) continue;
    data[f.id] = typeof v === 'string' ? v.trim() : Array.isArray(v) ? v.map((s) => s.trim()) : v;
  }
  return data;
}

/**
 * The fields that apply to what is filled in so far: a field whose model-declared `showIf`
 * condition is false is hidden (and the server does not require it). Conditions read the
 * unconditional fields' values as the server types them.
 */
export function shownFields(fields: FormField[], model: Record<string, FieldValue>): FormField[] {
  const unconditional = fields.filter((f) => !f.showIf);
  const values = validateFormData(unconditional, payload(unconditional, model)).values;
  return fields.filter((f) => isFieldShown(f, values));
}
