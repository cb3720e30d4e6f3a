import { describe, expect, it } from 'vitest';
import { type FormField, fieldError, initialValue, isRequired, payload } from './form-rules';

const field = (f: Partial<FormField> & Pick<FormField, 'id' | 'type'>): FormField => ({
  label: f.id,
  options: [],
  constraints: [],
  ...f,
});

const amount = field({
  id: 'amount',
  label: '拟保障金额（元/月）',
  type: 'money',
  constraints: [{ name: 'required' }, { name: 'min', config: '1' }, { name: 'max', config: '5000' }],
});
const decision = field({
  id: 'decision',
  label: '受理决定',
  type: 'enum',
  options: [
    { id: 'accept', name: '受理' },
    { id: 'reject', name: '不予受理' },
  ],
  constraints: [{ name: 'required' }],
});
const reason = field({
  id: 'reason',
  label: '理由',
  type: 'text',
  constraints: [{ name: 'maxlength', config: '5' }],
});

describe('fieldError: the server check, next to the field', () => {
  it('asks for a required field, whatever its type', () => {
    expect(fieldError(amount, '')).toBe('“拟保障金额（元/月）”为必填项');
    expect(fieldError(amount, '   ')).toBe('“拟保障金额（元/月）”为必填项');
    expect(fieldError(decision, undefined)).toBe('“受理决定”为必填项');
    const list = field({ id: 'items', label: '清单', type: 'list', constraints: [{ name: 'required' }] });
    expect(fieldError(list, [])).toBe('“清单”为必填项');
  });

  it('leaves an optional empty field alone', () => {
    expect(fieldError(reason, '')).toBe('');
    expect(fieldError(field({ id: 'n', type: 'long' }), undefined)).toBe('');
  });

  it('checks money as text in yuan against bounds in yuan', () => {
    expect(fieldError(amount, '12.345')).toBe('“拟保障金额（元/月）”不是有效的金额');
    expect(fieldError(amount, '-3')).toBe('“拟保障金额（元/月）”不是有效的金额');
    expect(fieldError(amount, '0.99')).toBe('“拟保障金额（元/月）”不能小于 1 元');
    expect(fieldError(amount, '5000.01')).toBe('“拟保障金额（元/月）”不能大于 5000 元');
    expect(fieldError(amount, ' 5000.00 ')).toBe('');
    expect(fieldError(amount, '1')).toBe('');
  });

  it('counts characters, not UTF-16 units, after trimming', () => {
    expect(fieldError(reason, '  𠀀𠀀𠀀𠀀𠀀  ')).toBe('');
    expect(fieldError(reason, '一二三四五六')).toBe('“理由”不能超过 5 个字');
  });

  it('checks integers, dates, enums and lists', () => {
    const people = field({
      id: 'n',
      label: '人数',
      type: 'long',
      constraints: [{ name: 'min', config: '1' }],
    });
    expect(fieldError(people, 0)).toBe('“人数”不能小于 1');
    expect(fieldError(people, 1.5)).toBe('“人数”不是有效的整数');
    expect(fieldError(people, 3)).toBe('');

    const day = field({
      id: 'd',
      label: '日期',
      type: 'date',
      constraints: [{ name: 'max', config: '2026-12-31' }],
    });
    expect(fieldError(day, '2026-02-30')).toBe('“日期”不是有效的日期（格式为 YYYY-MM-DD）');
    expect(fieldError(day, '2027-01-01')).toBe('“日期”不能晚于 2026-12-31');
    expect(fieldError(day, '2026-06-01')).toBe('');

    expect(fieldError(decision, 'maybe')).toMatch(/^“受理决定”的取值 "maybe" 不在可选范围内/);
    expect(fieldError(decision, 'accept')).toBe('');

    const items = field({
      id: 'items',
      label: '清单',
      type: 'list',
      constraints: [{ name: 'maxItems', config: '2' }],
    });
    expect(fieldError(items, ['a', ' '])).toBe('“清单”含有空项');
    expect(fieldError(items, ['a', 'b', 'c'])).toBe('“清单”最多 2 项');
  });
});

describe('the form model', () => {
  it('starts each field from its default, typed', () => {
    expect(initialValue(field({ id: 'l', type: 'list', defaultValue: 'x' }))).toEqual([]);
    expect(initialValue(field({ id: 'b', type: 'boolean', defaultValue: 'true' }))).toBe(true);
    expect(initialValue(field({ id: 'b', type: 'boolean', defaultValue: 'false' }))).toBe(false);
    expect(initialValue(field({ id: 'b', type: 'boolean' }))).toBeUndefined();
    expect(initialValue(field({ id: 'n', type: 'long', defaultValue: '3' }))).toBe(3);
    expect(initialValue(field({ id: 's', type: 'string' }))).toBe('');
    // Dates start from the application's today (the demo clock), not empty and not the browser's.
    expect(initialValue(field({ id: 'd', type: 'date' }), '2026-12-09')).toBe('2026-12-09');
    expect(initialValue(field({ id: 'd', type: 'date', defaultValue: '2026-01-01' }), '2026-12-09')).toBe(
      '2026-01-01',
    );
  });

  it('reads required, including an explicit required=false', () => {
    expect(isRequired(amount)).toBe(true);
    expect(
      isRequired(field({ id: 'x', type: 'string', constraints: [{ name: 'required', config: 'false' }] })),
    ).toBe(false);
    expect(isRequired(reason)).toBe(false);
  });

  it('sends trimmed answers and leaves empty ones out', () => {
    const fields = [
      amount,
      decision,
      reason,
      field({ id: 'items', type: 'list' }),
      field({ id: 'ok', type: 'boolean' }),
    ];
    expect(
      payload(fields, {
        amount: ' 12.50 ',
        decision: 'accept',
        reason: '  ',
        items: [' a ', 'b'],
        ok: false,
      }),
    ).toEqual({ amount: '12.50', decision: 'accept', items: ['a', 'b'], ok: false });
  });
});
