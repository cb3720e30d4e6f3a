import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { compiledCache } from './compiled-cache';
import { FieldError } from './template-types';

export class TemplateDataError extends Error {
  constructor(
    readonly templateId: string,
    readonly details: FieldError[],
  ) {
    super(`文书「${templateId}」数据不完整或有误：${details.map((d) => d.message).join('；')}`);
    this.name = 'TemplateDataError';
  }
}

// strictSchema rejects misspelt keywords in officer-written schemas; conditional if/then blocks stay allowed.
const ajv = new Ajv({
  allErrors: true,
  strict: true,
  strictTypes: false,
  strictRequired: false,
  allowUnionTypes: true,
});
const cache = new WeakMap<object, ValidateFunction>();
const compiledSchemas = compiledCache<ValidateFunction>();

export function compileSchema(schema: Record<string, unknown>): ValidateFunction {
  let fn = cache.get(schema);
  if (!fn) {
    fn = compiledSchemas(JSON.stringify(schema), () => ajv.compile(schema));
    cache.set(schema, fn);
  }
  return fn;
}

/** Returns field errors (empty when valid). */
export function validateTemplateData(schema: Record<string, unknown>, data: unknown): FieldError[] {
  const validate = compileSchema(schema);
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => toFieldError(schema, e));
}

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  integer: '整数',
  number: '数字',
  array: '列表',
  object: '对象',
  boolean: '是/否',
};

function toFieldError(schema: Record<string, unknown>, e: ErrorObject): FieldError {
  const segments = e.instancePath.split('/').slice(1).map(unescapePointer);
  if (e.keyword === 'required') segments.push(String(e.params.missingProperty));
  const field = segments.join('.') || '(根)';
  const label = fieldLabel(schema, segments);
  return { field, message: `${label}${describe(e)}` };
}

function describe(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return '为必填项';
    case 'type':
      return `应为${TYPE_NAMES[String(p.type)] ?? String(p.type)}`;
    case 'minLength':
      return p.limit === 1 ? '不能为空' : `至少应有${p.limit}个字`;
    case 'maxLength':
      return `不能超过${p.limit}个字`;
    case 'minItems':
      return `至少应有${p.limit}项`;
    case 'maxItems':
      return `不能超过${p.limit}项`;
    case 'minimum':
      return `不能小于${p.limit}`;
    case 'maximum':
      return `不能大于${p.limit}`;
    case 'exclusiveMinimum':
      return `应大于${p.limit}`;
    case 'pattern':
      return '格式不正确';
    case 'enum':
      return `应为以下之一：${(p.allowedValues as unknown[]).join('、')}`;
    case 'const':
      return `应为${String(p.allowedValue)}`;
    case 'additionalProperties':
      return `含有未定义的字段「${String(p.additionalProperty)}」`;
    default:
      return `不符合要求（${e.keyword}）`;
  }
}

/** Walks the schema along the data path to find the zh-CN title legal officers gave the field. */
function fieldLabel(schema: Record<string, unknown>, segments: string[]): string {
  const titles: string[] = [];
  let node: Record<string, unknown> | undefined = schema;
  for (const seg of segments) {
    if (!node) break;
    let next: Record<string, unknown> | undefined;
    if (/^\d+$/.test(seg) && node.items && typeof node.items === 'object') {
      next = node.items as Record<string, unknown>;
      titles.push(`第${Number(seg) + 1}项`);
      node = next;
      continue;
    }
    const props = node.properties as Record<string, Record<string, unknown>> | undefined;
    next = props?.[seg];
    titles.push(typeof next?.title === 'string' ? next.title : seg);
    node = next;
  }
  if (titles.length === 0) return '文书数据';
  // The leaf title is what a caseworker recognises; the parent only disambiguates list items.
  const leaf = titles[titles.length - 1];
  const itemIndex =
    titles.length >= 2 && /^第\d+项$/.test(leaf) ? `${titles[titles.length - 2]}${leaf}` : leaf;
  return `「${itemIndex}」`;
}

function unescapePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}
