/**
 * Client-side mirror of the server's form checks (libs/workflow/src/model/form-validation.ts):
 * the same constraints and the same Chinese messages, so a clerk sees the problem next to the
 * field before submitting. The server checks again; its answer wins.
 */

import type { FormField } from '@web/api/types';
export type { FormField };
export type FieldValue = string | number | boolean | string[] | null | undefined;

const MONEY = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;

function constraint(field: FormField, name: string): string | undefined {
  return field.constraints.find((c) => c.name === name)?.config;
}

function num(field: FormField, name: string): number | undefined {
  const v = constraint(field, name);
  return v === undefined || v === '' || Number.isNaN(Number(v)) ? undefined : Number(v);
}

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

function yuanToFen(text: string): number {
  const [y, f = ''] = text.split('.');
  return Number(y) * 100 + Number(f.padEnd(2, '0'));
}

/** The problem with one field's value, or '' when it is fine. */
export function fieldError(field: FormField, value: FieldValue): string {
  const label = field.label || field.id;
  if (isEmpty(value)) return isRequired(field) ? `“${label}”为必填项` : '';
  switch (field.type) {
    case 'string':
    case 'text': {
      const length = [...String(value).trim()].length;
      const min = num(field, 'minlength');
      const max = num(field, 'maxlength');
      if (min !== undefined && length < min) return `“${label}”不能少于 ${min} 个字`;
      if (max !== undefined && length > max) return `“${label}”不能超过 ${max} 个字`;
      return '';
    }
    case 'long': {
      const n = Number(value);
      if (!Number.isSafeInteger(n)) return `“${label}”不是有效的整数`;
      const min = num(field, 'min');
      const max = num(field, 'max');
      if (min !== undefined && n < min) return `“${label}”不能小于 ${min}`;
      if (max !== undefined && n > max) return `“${label}”不能大于 ${max}`;
      return '';
    }
    case 'money': {
      const text = String(value).trim();
      if (!MONEY.test(text)) return `“${label}”不是有效的金额`;
      const min = constraint(field, 'min');
      const max = constraint(field, 'max');
      if (min && MONEY.test(min) && yuanToFen(text) < yuanToFen(min)) return `“${label}”不能小于 ${min} 元`;
      if (max && MONEY.test(max) && yuanToFen(text) > yuanToFen(max)) return `“${label}”不能大于 ${max} 元`;
      return '';
    }
    case 'date': {
      const text = String(value);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return `“${label}”不是有效的日期（格式为 YYYY-MM-DD）`;
      const min = constraint(field, 'min');
      const max = constraint(field, 'max');
      if (min && text < min) return `“${label}”不能早于 ${min}`;
      if (max && text > max) return `“${label}”不能晚于 ${max}`;
      return '';
    }
    case 'list': {
      const items = (value as string[]).map((s) => s.trim());
      if (items.some((s) => s === '')) return `“${label}”含有空项`;
      const min = num(field, 'minItems') ?? (isRequired(field) ? 1 : undefined);
      const max = num(field, 'maxItems');
      if (min !== undefined && items.length < min) return `“${label}”至少需要 ${min} 项`;
      if (max !== undefined && items.length > max) return `“${label}”最多 ${max} 项`;
      return '';
    }
    case 'enum':
      return field.options.some((o) => o.id === value) ? '' : `“${label}”的取值不在可选范围内`;
    default:
      return '';
  }
}

/** The initial value of a field in the form model. */
export function initialValue(field: FormField): FieldValue {
  if (field.type === 'list') return [];
  if (field.type === 'boolean')
    return field.defaultValue === undefined ? undefined : field.defaultValue === 'true';
  if (field.type === 'long') return field.defaultValue === undefined ? undefined : Number(field.defaultValue);
  return field.defaultValue ?? '';
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
