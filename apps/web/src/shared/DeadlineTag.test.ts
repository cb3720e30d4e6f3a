// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import DeadlineTag, { type Urgency } from './DeadlineTag.vue';

function tag(urgency: Urgency, dueDate?: string | null, dueDateCertain?: boolean) {
  return mount(DeadlineTag, {
    props: { urgency, dueDate, dueDateCertain },
    global: { plugins: [ElementPlus] },
  });
}

describe('DeadlineTag', () => {
  it('colours each urgency so a clerk can tell them apart', () => {
    const levels = ['red', 'orange', 'yellow', 'green'] as const;
    const colours = levels.map((level) => {
      const el = tag({ level, label: level }).get(`[data-urgency=${level}]`).element as HTMLElement;
      return el.style.borderColor;
    });
    expect(new Set(colours).size).toBe(4);
  });

  it('shows the label and the due date', () => {
    const w = tag({ level: 'red', label: '已超期 2 个工作日' }, '2026-12-01', true);
    expect(w.get('[data-urgency=red]').text()).toBe('已超期 2 个工作日');
    expect(w.get('.date').text()).toBe('2026-12-01');
    expect(w.text()).not.toContain('待核');
  });

  it('uses dark text on yellow, white elsewhere', () => {
    expect(
      (tag({ level: 'yellow', label: '3 日内' }).get('[data-urgency]').element as HTMLElement).style.color,
    ).toMatch(/^(#5c4a00|rgb\(92, 74, 0\))$/);
    expect(
      (tag({ level: 'green', label: '充裕' }).get('[data-urgency]').element as HTMLElement).style.color,
    ).toMatch(/^(#fff|rgb\(255, 255, 255\))$/);
  });

  it('asks for a manual check when the due date lies beyond the holiday calendar', () => {
    expect(tag({ level: 'green', label: '充裕' }, '2028-01-10', false).text()).toContain('待核');
    expect(tag({ level: 'green', label: '充裕' }, null, false).text()).not.toContain('待核');
    expect(tag({ level: 'green', label: '充裕' }, '2028-01-10').text()).not.toContain('待核');
  });
});
