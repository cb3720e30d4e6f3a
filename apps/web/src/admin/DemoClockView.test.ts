// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import DemoClockView from './DemoClockView.vue';

const fetchMock = vi.fn<typeof fetch>();
const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

beforeEach(() => {
  fetchMock.mockReset();
  fetchMock.mockImplementation(async (url) =>
    String(url).endsWith('/api/clock')
      ? json({ now: '2026-12-07T02:00:00Z', today: '2026-12-07', demo: true, offsetDays: 0 })
      : json({ now: '2026-12-09T02:00:00Z', firedTimers: 0 }),
  );
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const posts = () => fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST');

/** The confirmation box Element Plus puts on the body. */
const box = () =>
  vi.waitFor(() => document.querySelector('.el-message-box') as HTMLElement, { timeout: 2000 });

describe('DemoClockView', () => {
  it('asks before moving the clock (a move cannot be undone), naming the date it moves to', async () => {
    const w = mount(DemoClockView, { global: { plugins: [ElementPlus] }, attachTo: document.body });
    await flushPromises();
    await w.find('form').trigger('submit');
    const dialog = await box();
    expect(dialog.textContent).toContain('不能撤回');
    expect(dialog.textContent).toContain('2026年12月15日');
    (dialog.querySelector('.el-message-box__btns button') as HTMLElement).click(); // 取消
    await flushPromises();
    expect(posts()).toHaveLength(0);
  });
});
