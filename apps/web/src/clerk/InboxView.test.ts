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
});
