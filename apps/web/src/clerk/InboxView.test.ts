// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createMemoryHistory, createRouter } from 'vue-router';
import InboxView from './InboxView.vue';

const fetchMock = vi.fn<typeof fetch>();

function item(n: number) {
  return {
    taskId: `00000000-0000-4000-8000-00000000000${n}`,
    name: '受理审查',
    elementId: 'Task_AcceptanceReview',
    dueDate: '2026-01-20',
    dueDateCertain: true,
    createdAt: '2026-01-05T02:00:00.000Z',
    caseId: `case-${n}`,
    caseNo: `DB-2026-00${n}`,
    applicantName: '张桂兰',
    regionCode: '410799100201',
    townshipName: '城关镇',
    program: 'dibao',
    hardshipIndex: null,
    legalBasis: null,
    urgency: { level: 'green', label: '充足' },
    caseUrgency: null,
    blockedReason: null,
  };
}

function page(items: unknown[], headers: Record<string, string>): Response {
  return new Response(JSON.stringify(items), {
    status: 200,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

beforeEach(() => {
  fetchMock.mockReset();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

async function mountInbox() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:rest(.*)*', component: { render: () => null } }],
  });
  const w = mount(InboxView, { global: { plugins: [ElementPlus, router] }, attachTo: document.body });
  await flushPromises();
  return w;
}

const rows = (w: Awaited<ReturnType<typeof mountInbox>>) =>
  w.findAll('[data-test="inbox-table"] tbody tr').map((r) => r.text());

describe('inbox pages', { timeout: 30_000 }, () => {
  it('shows the first page with the total, then the next after its last task', async () => {
    fetchMock
      .mockResolvedValueOnce(
        page([item(1), item(2)], {
          'X-Next-Cursor': item(2).taskId,
          'X-Total-Count': '3',
          'X-Total-Capped': 'false',
        }),
      )
      .mockResolvedValueOnce(page([item(3)], {}));
    const w = await mountInbox();
    expect(rows(w)).toHaveLength(2);
    expect(w.get('[data-test="inbox-count"]').text()).toBe('已显示 2 条，共 3 条');
    await w.get('[data-test="load-more"]').trigger('click');
    await flushPromises();
    expect(String(fetchMock.mock.calls[1][0])).toContain(`after=${item(2).taskId}`);
    expect(rows(w)).toHaveLength(3);
    expect(w.find('[data-test="load-more"]').exists()).toBe(false);
  });

  it('↓ past the last task shown loads the next page and moves onto it', async () => {
    fetchMock
      .mockResolvedValueOnce(
        page([item(1), item(2)], { 'X-Next-Cursor': item(2).taskId, 'X-Total-Count': '3' }),
      )
      .mockResolvedValueOnce(page([item(3)], {}));
    const w = await mountInbox();
    const down = () => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown' }));
    down();
    await flushPromises();
    expect(w.get('tr.current-row').text()).toContain('DB-2026-002');
    expect(fetchMock).toHaveBeenCalledTimes(1);
    down();
    await flushPromises();
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(rows(w)).toHaveLength(3);
    await vi.waitFor(() => expect(w.get('tr.current-row').text()).toContain('DB-2026-003'));
  });

  it('is one Tab stop: only the current row and its controls are tabbable, and focus follows ↑/↓', async () => {
    fetchMock.mockResolvedValueOnce(page([item(1), item(2), item(3)], {}));
    const w = await mountInbox();
    await flushPromises();
    const trs = () =>
      w.findAll<HTMLTableRowElement>('[data-test="inbox-table"] tbody tr').map((r) => r.element);
    expect(trs().map((tr) => tr.tabIndex)).toEqual([0, -1, -1]);
    const controls = (tr: HTMLElement) => [...tr.querySelectorAll<HTMLElement>('input, button')];
    expect(controls(trs()[1]).length).toBeGreaterThan(0);
    expect(controls(trs()[1]).every((c) => c.tabIndex === -1)).toBe(true);
    expect(controls(trs()[0]).every((c) => c.tabIndex >= 0)).toBe(true);
    trs()[0].focus();
    trs()[0].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    await flushPromises();
    expect(w.get('tr.current-row').text()).toContain('DB-2026-002');
    expect(trs().map((tr) => tr.tabIndex)).toEqual([-1, 0, -1]);
    expect(document.activeElement).toBe(trs()[1]);
  });

  it('Enter on a focused button is the button’s, not “open the current task”', async () => {
    fetchMock.mockResolvedValueOnce(page([item(1)], {}));
    const w = await mountInbox();
    const push = vi.spyOn(w.vm.$router, 'push');
    const reset = w.get('[data-test="filter-reset"]').element as HTMLElement;
    reset.focus();
    reset.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await flushPromises();
    expect(push).not.toHaveBeenCalled();
    const row = w.get('[data-test="inbox-table"] tbody tr').element as HTMLElement;
    row.focus();
    row.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await flushPromises();
    expect(push).toHaveBeenCalledWith(`/tasks/${item(1).taskId}`);
  });
});
