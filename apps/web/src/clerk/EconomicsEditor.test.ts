// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import EconomicsEditor from './EconomicsEditor.vue';
import { newIncome } from './economics-form';

enableAutoUnmount(afterEach);

describe('EconomicsEditor income rows', () => {
  it('labels every input of an income row and says what goes in it, so the amount is not typed into 来源', async () => {
    const w = mount(EconomicsEditor, {
      props: {
        caseId: 'c1',
        members: [{ name: '张三', idNumber: '410702198001011234', relation: '本人' }],
        economics: null,
      },
      global: { plugins: [ElementPlus] },
      attachTo: document.body,
    });
    await w.find('[data-test=income-0-add]').trigger('click');
    const row = w.get('[data-test=income-0-0-amount]').element.closest('.line') as HTMLElement;
    const inputs = [...row.querySelectorAll('input')].filter((i) => i.type !== 'hidden');
    expect(inputs.length).toBeGreaterThanOrEqual(3);
    for (const input of inputs) {
      const labelled =
        input.getAttribute('aria-label') ?? input.closest('[aria-label]')?.getAttribute('aria-label');
      expect([input.outerHTML, labelled]).toEqual([input.outerHTML, expect.stringMatching(/\S/)]);
    }
    const amount = w.get('input[data-test=income-0-0-amount]');
    const source = w.get('input[data-test=income-0-0-source]');
    expect(amount.attributes('aria-label')).toBe('年收入金额（元/年）');
    expect(amount.attributes('placeholder')).toMatch(/金额/);
    expect(source.attributes('aria-label')).toBe('核实来源');
    expect(source.attributes('placeholder')).toMatch(/不填金额/);
    // The column headings are on the page too, not only for screen readers.
    expect(w.get('.columns').text()).toContain('核实来源');
    expect(newIncome().source).toBe('');
  }, 60_000);
});
