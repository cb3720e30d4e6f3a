import { ErrorDetail } from '@app/common';

/** Keys that reach for an object's prototype when code copies or merges the parsed body. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export const MAX_BODY_DEPTH = 32;

/**
 * Characters no field of this system may hold: C0 controls except tab and line breaks, DEL, C1
 * controls, bidirectional overrides and isolates (Trojan Source), the BOM inside text, unpaired
 * surrogates and the non-characters U+FFFE/U+FFFF. PostgreSQL refuses NUL in text and jsonb, and
 * the others make names and reasons read differently from what is stored.
 */
const FORBIDDEN_CHAR =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function describe(ch: string): string {
  return `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function childPath(prefix: string, key: string | number): string {
  if (typeof key === 'number') return `${prefix}[${key}]`;
  return prefix ? `${prefix}.${key}` : key;
}

/** Problems of a parsed JSON body (or query) before any DTO sees it; at most `limit` of them. */
export function inputProblems(value: unknown, root = '', limit = 20): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const walk = (v: unknown, path: string, depth: number): void => {
    if (problems.length >= limit) return;
    if (typeof v === 'string') {
      const m = FORBIDDEN_CHAR.exec(v);
      if (m) problems.push({ field: path || 'body', message: `含有不允许的控制字符（${describe(m[0])}）` });
      return;
    }
    if (!v || typeof v !== 'object' || Buffer.isBuffer(v)) return;
    if (depth > MAX_BODY_DEPTH) {
      problems.push({ field: path || 'body', message: `嵌套层级过深（超过 ${MAX_BODY_DEPTH} 层）` });
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, childPath(path, i), depth + 1));
      return;
    }
    for (const key of Object.keys(v)) {
      const p = childPath(path, key);
      if (FORBIDDEN_KEYS.has(key)) {
        problems.push({ field: p, message: `不允许的字段名“${key}”` });
        continue;
      }
      const m = FORBIDDEN_CHAR.exec(key);
      if (m) {
        problems.push({ field: path || 'body', message: `字段名含有不允许的控制字符（${describe(m[0])}）` });
        continue;
      }
      walk((v as Record<string, unknown>)[key], p, depth + 1);
    }
  };
  walk(value, root, 0);
  return problems;
}
