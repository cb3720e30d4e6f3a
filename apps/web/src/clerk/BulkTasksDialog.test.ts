// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import BulkTasksDialog from './BulkTasksDialog.vue';
import type { InboxItem } from '@web/api/types';

const fetchMock = vi.fn<typeof fetch>();

/** What the dialog reads of an inbox row; the rest of the row does not matter here. */
function task(n: number): InboxItem {
  return {
    taskId: `00000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`,
    name: '受理审查',
    elementId: 'Task_AcceptanceReview',
    caseNo: `DB-2026-0${String(n).padStart(2, '0')}`,
  } as InboxItem;
}

beforeEach(() => {
  fetchMock.mockReset();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('bulk dialog', { timeout: 30_000 }, () => {
  it('keeps the count, the bar and the results of its batch when the inbox reloads and the selection empties', async () => {
    const tasks = Array.from({ length: 7 }, (_, i) => task(i + 1));
    fetchMock.mockImplementation(async (_url, init) => {
      const { taskIds } = JSON.parse(String(init?.body)) as { taskIds: string[] };
      const body = taskIds.map((taskId) => ({ taskId, caseNo: null, ok: true }));
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    });
    const w = mount(BulkTasksDialog, {
      props: { open: false, action: 'claim' as const, tasks, staff: [] },
      global: { plugins: [ElementPlus] },
      attachTo: document.body,
    });
    await w.setProps({ open: true });
    await flushPromises();
    const dialog = () => document.querySelector('[data-test=bulk-dialog]')!;
    (dialog().querySelector('[data-test=bulk-run]') as HTMLElement).click();
    await flushPromises();
    expect(w.emitted('finished')).toHaveLength(1);
    // What the inbox does on `finished`: it reloads, the claimed tasks leave the group list.
    await w.setProps({ tasks: [] });
    await flushPromises();
    const summary = dialog().querySelector('[data-test=bulk-summary]')!.textContent!.replace(/\s+/g, ' ');
    expect(summary).toContain('已处理 7 / 7：成功 7，失败 0');
    expect(dialog().querySelector('[data-test=bulk-progress]')!.getAttribute('aria-valuenow')).toBe('100');
    expect(dialog().querySelectorAll('[data-test=bulk-results] tbody tr')).toHaveLength(7);
    expect(dialog().textContent).toContain('DB-2026-007');
  });
});
