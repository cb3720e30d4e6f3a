// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import DeadlineTag, { type Urgency } from './DeadlineTag.vue';
import { contrastRatio } from './deadline-colors';
import { URGENCY } from '../clerk/case-urgency';

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

  it("keeps every tag's 12-px text at WCAG AA contrast (≥ 4.5:1), as rendered", () => {
    const rgb = (css: string) =>
      css.startsWith('#')
        ? css
        : `#${css
            .match(/\d+/g)!
            .slice(0, 3)
            .map((n) => Number(n).toString(16).padStart(2, '0'))
            .join('')}`;
    for (const level of ['red', 'orange', 'yellow', 'green'] as const) {
      const el = tag({ level, label: level }).get('[data-urgency]').element as HTMLElement;
      const ratio = contrastRatio(rgb(el.style.color), rgb(el.style.borderColor));
      expect({ level, ratio: ratio >= 4.5 }).toEqual({ level, ratio: true });
    }
  });

  it('case urgency tags (四色) are AA too', () => {
    for (const [level, { background, color }] of Object.entries(URGENCY))
      expect({ level, ok: contrastRatio(color.length === 4 ? '#ffffff' : color, background) >= 4.5 }).toEqual(
        {
          level,
          ok: true,
        },
      );
  });

  it('asks for a manual check when the due date lies beyond the holiday calendar', () => {
    expect(tag({ level: 'green', label: '充裕' }, '2028-01-10', false).text()).toContain('待核');
    expect(tag({ level: 'green', label: '充裕' }, null, false).text()).not.toContain('待核');
    expect(tag({ level: 'green', label: '充裕' }, '2028-01-10').text()).not.toContain('待核');
  });
});
