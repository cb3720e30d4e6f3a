import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translateZh, translatedTexts } from './translate';
import { dueText, readDue, writeDue } from './due';

/** Every `translate('…')` text in bpmn-js and diagram-js that a legal officer sees. */
function bpmnJsTexts(): string[] {
  const root = path.resolve(__dirname, '../../../../node_modules');
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.js')) {
        const src = fs.readFileSync(p, 'utf8');
        for (const m of src.matchAll(/translate\(\s*'([^']+)'/g)) found.add(m[1]);
        if (p.includes('replace') || p.includes('popup-menu'))
          for (const m of src.matchAll(/label: '([^']+)'/g)) found.add(m[1]);
      }
    }
  };
  walk(path.join(root, 'bpmn-js/lib/features'));
  walk(path.join(root, 'diagram-js/lib/features'));
  // Texts of bpmn-js's own examples and key-combination prefixes, never shown in the studio.
  return [...found].filter((t) => !/^HELLO|^ \+ |Align elements $/.test(t));
}

describe('bpmn-js in Chinese', () => {
  it('palette, context pad and replace menu texts all have a Chinese translation', () => {
    const missing = bpmnJsTexts().filter((t) => !translatedTexts.includes(t));
    expect(missing).toEqual([]);
    expect(translateZh('Append task')).toBe('追加任务');
    expect(translateZh('User task')).toBe('用户任务');
    expect(translateZh('Create start event')).toBe('新建开始事件');
  });

  it('fills replacements, translating them too', () => {
    expect(translateZh('Open {element}', { element: 'Sub-process' })).toBe('打开子流程');
    expect(translateZh('Unknown {x}', { x: '甲' })).toBe('Unknown 甲');
  });
});

describe('办理时限 picker', () => {
  it('reads a stored deadline as number + unit and writes it back', () => {
    expect(readDue('10WD')).toEqual({ amount: 10, unit: 'WD' });
    expect(readDue('7D')).toEqual({ amount: 7, unit: 'D' });
    expect(readDue('')).toEqual({ amount: undefined, unit: 'WD' });
    expect(readDue('abc')).toEqual({ amount: undefined, unit: 'WD', invalid: 'abc' });
    expect(writeDue({ amount: 15, unit: 'WD' })).toBe('15WD');
    expect(writeDue({ amount: 7, unit: 'D' })).toBe('7D');
    expect(writeDue({ amount: undefined, unit: 'D' })).toBeUndefined();
    expect(dueText('10WD')).toBe('10 个工作日');
    expect(dueText('7D')).toBe('7 个自然日');
  });
});
