/**
 * Validates and types the data a user submits for a user task's form (camunda:formData).
 * Money is parsed from decimal strings into integer fen with string arithmetic: binary
 * floats would turn 0.1 + 0.2 into payment errors.
 */
import type { FormField } from './element-info';
import { resolveExpression } from './expressions';

export type FormValue = string | number | boolean | string[];

export interface FieldError {
  field: string;
  message: string;
}

export interface FormValidationResult {
  values: Record<string, FormValue>;
  errors: FieldError[];
}

const MONEY_PATTERN = /^(0|[1-9]\d*)(?:\.(\d{1,2}))?$/;
const INTEGER_PATTERN = /^-?(0|[1-9]\d*)$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "1234.5" → 123450 fen. Whole-yuan safe integers are accepted too. undefined if not money. */
export function parseYuanToFen(input: unknown): number | undefined {
  let textValue: string;
  if (typeof input === 'number') {
    if (!Number.isSafeInteger(input) || input < 0) return undefined;
    textValue = String(input);
  } else if (typeof input === 'string') {
    textValue = input.trim();
  } else {
    return undefined;
  }
  const match = MONEY_PATTERN.exec(textValue);
  if (!match) return undefined;
  const fen = BigInt(match[1]) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
  return fen <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(fen) : undefined;
}

export function isValidDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function lengthOf(value: string): number {
  return [...value].length; // code points, so CJK extension characters count once
}

function constraintNumber(field: FormField, name: string): number | undefined {
  const constraint = field.constraints.find((c) => c.name === name);
  if (!constraint || constraint.config === undefined) return undefined;
  const n = Number(constraint.config);
  return Number.isFinite(n) ? n : undefined;
}

function isRequired(field: FormField, input: Record<string, unknown> = {}): boolean {
  return field.constraints.some(
    (c) =>
      (c.name === 'required' && c.config !== 'false') ||
      (c.name === 'requiredWhen' && requiredWhen(c.config, input)),
  );
}

/**
 * `requiredWhen` "field=value": required when another field of the form has that answer, e.g. the
 * 退回理由 when the reviewer's opinion is 退回 (`opinion=return`).
 */
function requiredWhen(config: string | undefined, input: Record<string, unknown>): boolean {
  const [field, value] = (config ?? '').split('=').map((s) => s.trim());
  if (!field || value === undefined) return false;
  const answer = input[field];
  return Array.isArray(answer) ? answer.includes(value) : answer === value;
}

type Check = { value?: FormValue; error?: string };

function checkText(field: FormField, raw: unknown, label: string): Check {
  if (typeof raw !== 'string') return { error: `“${label}”须为文本` };
  const value = field.type === 'text' ? raw.replace(/\r\n/g, '\n') : raw.trim();
  const min = constraintNumber(field, 'minlength');
  const max = constraintNumber(field, 'maxlength');
  if (min !== undefined && lengthOf(value) < min) return { error: `“${label}”不能少于 ${min} 个字` };
  if (max !== undefined && lengthOf(value) > max) return { error: `“${label}”不能超过 ${max} 个字` };
  return { value };
}

function checkRange(field: FormField, label: string, value: number): string | undefined {
  const min = constraintNumber(field, 'min');
  const max = constraintNumber(field, 'max');
  if (min !== undefined && value < min) return `“${label}”不能小于 ${min}`;
  if (max !== undefined && value > max) return `“${label}”不能大于 ${max}`;
  return undefined;
}

function checkLong(field: FormField, raw: unknown, label: string): Check {
  let value: number | undefined;
  if (typeof raw === 'number' && Number.isSafeInteger(raw)) value = raw;
  else if (
    typeof raw === 'string' &&
    INTEGER_PATTERN.test(raw.trim()) &&
    Number.isSafeInteger(Number(raw.trim()))
  )
    value = Number(raw.trim());
  if (value === undefined) return { error: `“${label}”不是有效的整数` };
  const error = checkRange(field, label, value);
  return error ? { error } : { value };
}

function checkMoney(field: FormField, raw: unknown, label: string): Check {
  const fen = parseYuanToFen(raw);
  if (fen === undefined) return { error: `“${label}”不是有效的金额` };
  const minConfig = field.constraints.find((c) => c.name === 'min')?.config;
  const maxConfig = field.constraints.find((c) => c.name === 'max')?.config;
  // Bounds are written in yuan in the model; compare in fen, also without floats.
  const minFen = minConfig !== undefined ? parseYuanToFen(minConfig) : undefined;
  const maxFen = maxConfig !== undefined ? parseYuanToFen(maxConfig) : undefined;
  if (minFen !== undefined && fen < minFen) return { error: `“${label}”不能小于 ${minConfig} 元` };
  if (maxFen !== undefined && fen > maxFen) return { error: `“${label}”不能大于 ${maxConfig} 元` };
  return { value: fen };
}

function checkBoolean(raw: unknown, label: string): Check {
  if (typeof raw === 'boolean') return { value: raw };
  if (raw === 'true' || raw === 'false') return { value: raw === 'true' };
  return { error: `“${label}”须为“是”或“否”` };
}

function checkDate(field: FormField, raw: unknown, label: string): Check {
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (!isValidDate(value)) return { error: `“${label}”不是有效的日期（格式为 YYYY-MM-DD）` };
  const min = field.constraints.find((c) => c.name === 'min')?.config;
  const max = field.constraints.find((c) => c.name === 'max')?.config;
  if (min && isValidDate(min) && value < min) return { error: `“${label}”不能早于 ${min}` };
  if (max && isValidDate(max) && value > max) return { error: `“${label}”不能晚于 ${max}` };
  return { value };
}

function checkEnum(field: FormField, raw: unknown, label: string): Check {
  const option = typeof raw === 'string' ? field.options.find((o) => o.id === raw) : undefined;
  if (!option) {
    const allowed = field.options.map((o) => `${o.id}（${o.name}）`).join('、');
    return { error: `“${label}”的取值 ${JSON.stringify(raw)} 不在可选范围内：${allowed}` };
  }
  return { value: option.id };
}

function checkList(field: FormField, raw: unknown, label: string): Check {
  if (!Array.isArray(raw) || raw.some((item) => typeof item !== 'string'))
    return { error: `“${label}”须为文本列表` };
  const items = (raw as string[]).map((item) => item.trim());
  if (items.some((item) => item === '')) return { error: `“${label}”含有空项` };
  const minItems = constraintNumber(field, 'minItems') ?? (isRequired(field) ? 1 : undefined);
  const maxItems = constraintNumber(field, 'maxItems');
  if (minItems !== undefined && items.length < minItems)
    return { error: `“${label}”至少需要 ${minItems} 项` };
  if (maxItems !== undefined && items.length > maxItems) return { error: `“${label}”最多 ${maxItems} 项` };
  return { value: items };
}

function checkField(field: FormField, raw: unknown): Check {
  const label = field.label || field.id;
  switch (field.type) {
    case 'string':
    case 'text':
      return checkText(field, raw, label);
    case 'long':
      return checkLong(field, raw, label);
    case 'money':
      return checkMoney(field, raw, label);
    case 'boolean':
      return checkBoolean(raw, label);
    case 'date':
      return checkDate(field, raw, label);
    case 'enum':
      return checkEnum(field, raw, label);
    case 'list':
      return checkList(field, raw, label);
    default:
      return { error: `“${label}”的字段类型“${field.type}”不受支持` };
  }
}

/**
 * Whether a field applies, given the other fields' values: its model-declared `showIf`
 * condition, read with the gateway expression evaluator. A condition that cannot be evaluated
 * shows the field, so a required field is never skipped by mistake.
 */
export function isFieldShown(field: FormField, values: Record<string, unknown>): boolean {
  if (!field.showIf) return true;
  try {
    return Boolean(resolveExpression(field.showIf, values));
  } catch {
    return true;
  }
}

/**
 * Validates submitted form data against the task's fields. Returns typed values (money in
 * integer fen, long as integer, date as 'YYYY-MM-DD', list as trimmed strings) for every
 * valid, non-empty field, and one zh-CN error per bad field. Unknown keys are errors. A field
 * whose `showIf` condition is false is not required, and a non-empty value sent for it is an error.
 */
export function validateFormData(
  fields: readonly FormField[],
  data: Record<string, unknown> | null | undefined,
): FormValidationResult {
  const values: Record<string, FormValue> = {};
  const errors: FieldError[] = [];
  const input = data ?? {};
  const known = new Set(fields.map((f) => f.id));

  for (const key of Object.keys(input)) {
    if (!known.has(key)) errors.push({ field: key, message: `未知字段“${key}”` });
  }

  // Conditions read the typed values of the unconditional fields, so they are checked first.
  const ordered = [...fields.filter((f) => !f.showIf), ...fields.filter((f) => f.showIf)];
  for (const field of ordered) {
    const raw = Object.prototype.hasOwnProperty.call(input, field.id) ? input[field.id] : undefined;
    const emptyList = field.type === 'list' && Array.isArray(raw) && raw.length === 0;
    // A hidden field is not required; a value sent for it is refused rather than dropped, so the
    // record never says (nor the sender believe) something the answers rule out.
    if (field.showIf && !isFieldShown(field, values)) {
      if (!isEmpty(raw) && !emptyList)
        errors.push({
          field: field.id,
          message: `“${field.label || field.id}”不适用于本次的选择，不能填写，请清空后再提交`,
        });
      continue;
    }
    if (isEmpty(raw) || emptyList) {
      if (isRequired(field, input))
        errors.push({ field: field.id, message: `“${field.label || field.id}”为必填项` });
      continue;
    }
    const result = checkField(field, raw);
    if (result.error) errors.push({ field: field.id, message: result.error });
    else if (result.value !== undefined) values[field.id] = result.value;
  }
  return { values, errors };
}
