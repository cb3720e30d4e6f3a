import { describe, expect, it } from 'vitest';
import type { ModdleElement } from './bpmn-setup';
import { buildExtensionElements, parseOptions, readFieldRows } from './form-fields';

/** Plain objects stand in for moddle elements: the rows only read and write their properties. */
const el = (attrs: Record<string, unknown>) => attrs as unknown as ModdleElement;

/** bpmn-moddle's create, as far as the form rows use it: a typed plain object. */
const moddle = {
  create: (type: string, attrs: Record<string, unknown> = {}) => ({ $type: type, ...attrs }) as ModdleElement,
};

const listener = { $type: 'camunda:ExecutionListener', event: 'start' };
const task = el({
  extensionElements: {
    values: [
      listener,
      {
        $type: 'camunda:FormData',
        fields: [
          {
            id: 'decision',
            label: '受理决定',
            type: 'enum',
            values: [
              { id: 'accept', name: '受理' },
              { id: 'reject', name: '不予受理' },
            ],
            validation: { constraints: [{ name: 'required' }] },
          },
          {
            id: 'amount',
            label: '金额',
            type: 'money',
            defaultValue: '0',
            validation: {
              constraints: [
                { name: 'maxlength', config: '12' },
                { name: 'max', config: '5000' },
              ],
            },
          },
        ],
      },
    ],
  },
});

describe('form rows of a user task', () => {
  it('reads camunda:formData into editable rows, keeping constraints the panel does not show', () => {
    expect(readFieldRows(task)).toEqual([
      {
        id: 'decision',
        label: '受理决定',
        type: 'enum',
        required: true,
        maxlength: '',
        options: 'accept=受理\nreject=不予受理',
        otherConstraints: [],
      },
      {
        id: 'amount',
        label: '金额',
        type: 'money',
        required: false,
        maxlength: '12',
        options: '',
        defaultValue: '0',
        otherConstraints: [{ name: 'max', config: '5000' }],
      },
    ]);
  });

  it('writes the rows back unchanged and keeps the other extensions', () => {
    const rows = readFieldRows(task);
    const ext = buildExtensionElements(moddle, task, rows);
    expect(ext.values?.[0]).toBe(listener);
    expect(readFieldRows(el({ extensionElements: ext }))).toEqual(rows);
  });

  it('drops the form entirely when no field is left', () => {
    const ext = buildExtensionElements(moddle, task, []);
    expect(ext.values).toEqual([listener]);
  });

  it('reads options one a line, with or without a name', () => {
    expect(parseOptions(' a = 甲 \n\nb\nc=')).toEqual([
      { id: 'a', name: '甲' },
      { id: 'b', name: 'b' },
      { id: 'c', name: '' },
    ]);
  });
});
