// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import StepForm, { type OpenTask } from './StepForm.vue';

const task: OpenTask = {
  id: 't1',
  name: '审核',
  caseId: 'c1',
  version: 7,
  dueDate: '2026-12-10',
  dueDateCertain: true,
  form: [
    {
      id: 'decision',
      label: '受理决定',
      type: 'enum',
      options: [
        { id: 'accept', name: '受理' },
        { id: 'reject', name: '不予受理' },
      ],
      constraints: [{ name: 'required' }],
    },
    {
      id: 'amount',
      label: '拟保障金额（元/月）',
      type: 'money',
      options: [],
      constraints: [{ name: 'max', config: '5000' }],
    },
  ],
};

const fetchMock = vi.fn<typeof fetch>();

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function mountForm() {
  return mount(StepForm, {
    props: { task },
    global: { plugins: [ElementPlus] },
    attachTo: document.body,
  });
}

/** The message under a field; el-form-item shows it after a 100 ms debounce. */
const error = (w: ReturnType<typeof mountForm>, field: string) =>
  vi.waitFor(() => w.get(`[data-field=${field}] .el-form-item__error`).text(), {
    timeout: 1000,
    interval: 20,
  });

async function type(w: ReturnType<typeof mountForm>, field: string, value: string) {
  // el-input hands its attributes to the <input> itself
  const input = w.find(`input[data-test=field-${field}]`);
  await input.setValue(value);
  await input.trigger('blur');
}

beforeEach(() => {
  fetchMock.mockReset();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
  sessionStorage.clear();
});
// Each form listens on the window for Ctrl+Enter: a form left mounted would answer the next test's keys.
// Registered last so it runs first (after-hooks run in reverse): a form saves its pending draft when
// it closes, and that save must still meet the stubbed fetch.
enableAutoUnmount(afterEach);

describe('StepForm', () => {
  it('shows every problem next to its field and sends nothing', async () => {
    const w = mountForm();
    await type(w, 'amount', '12.345');
    expect(await error(w, 'amount')).toBe('“拟保障金额（元/月）”不是有效的金额');
    await w.find('[data-test=submit]').trigger('click');
    await flushPromises();
    expect(await error(w, 'decision')).toBe('“受理决定”为必填项');
    expect(w.text()).toContain('表单填写有误，请按提示修改');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('completes the task with typed values, the version it saw and an idempotency key', async () => {
    fetchMock.mockResolvedValue(json(200, { openedTasks: [] }));
    const w = mountForm();
    await w.find('[data-test=option-decision-accept] input').setValue(true);
    await type(w, 'amount', ' 562 ');
    await w.find('[data-test=submit]').trigger('click');
    await flushPromises();

    expect(fetchMock).toHaveBeenCalledOnce();
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/tasks/t1/complete');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({
      data: { decision: 'accept', amount: '562' },
      expectedVersion: 7,
    });
    expect((init?.headers as Record<string, string>)['Idempotency-Key']).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(w.emitted('done')).toEqual([[{ openedTasks: [] }]]);
  });

  it('puts the server’s field errors next to the fields', async () => {
    fetchMock.mockResolvedValue(
      json(400, {
        code: 'VALIDATION',
        message: '表单数据有误',
        details: [{ field: 'data.amount', message: '“拟保障金额（元/月）”超过本地标准' }],
      }),
    );
    const w = mountForm();
    await w.find('[data-test=option-decision-reject] input').setValue(true);
    await w.find('[data-test=submit]').trigger('click');
    await flushPromises();
    expect(await error(w, 'amount')).toBe('“拟保障金额（元/月）”超过本地标准');
    expect(w.emitted('done')).toBeUndefined();
  });

  it('says the case moved on when the server answers 409', async () => {
    fetchMock.mockResolvedValue(json(409, { code: 'STALE', message: '案件已由他人办理到下一环节' }));
    const w = mountForm();
    await w.find('[data-test=option-decision-accept] input').setValue(true);
    await w.find('[data-test=submit]').trigger('click');
    await flushPromises();
    expect(w.find('[data-test=conflict]').text()).toContain('案件已由他人办理到下一环节');
    await w.find('[data-test=reload]').trigger('click');
    expect(w.emitted('reload')).toHaveLength(1);
  });

  it('a task someone else holds: no 认领 button, and a refused submit says who holds it (not "case updated")', async () => {
    const w = mount(StepForm, {
      props: { task: { ...task, assignee: 'other-user', assigneeName: '李二窗口' } },
      global: { plugins: [ElementPlus] },
      attachTo: document.body,
    });
    await flushPromises();
    expect(w.get('[data-test=task-holder]').text()).toContain('由 李二窗口 办理中');
    expect(w.find('[data-test=claim]').exists()).toBe(false);
    expect(w.find('[data-test=held-hint]').exists()).toBe(true);
    fetchMock.mockResolvedValue(
      json(409, {
        code: 'TASK_HELD_BY_OTHER',
        message: '任务“审核”已由 李二窗口 认领办理，您填写的内容已保存为草稿',
      }),
    );
    await w.find('[data-test=option-decision-accept] input').setValue(true);
    await w.find('[data-test=submit]').trigger('click');
    await flushPromises();
    const banner = w.get('[data-test=conflict]').text();
    expect(banner).toContain('任务由他人办理中');
    expect(banner).not.toContain('案件已被他人更新');
  });

  it('keeps what was typed in this tab when the session ends before the draft reached the server', async () => {
    // Every draft save is refused (the session ended); the page then goes to sign in and back.
    fetchMock.mockResolvedValue(json(401, { code: 'SESSION_EXPIRED', message: '登录已过期' }));
    const first = mountForm();
    await flushPromises();
    await type(first, 'amount', '562.00');
    first.unmount();
    const again = mountForm();
    await flushPromises();
    expect((again.find('input[data-test=field-amount]').element as HTMLInputElement).value).toBe('562.00');
    // Submitted: the copy in the tab is gone, the next form of this task starts from the server.
    fetchMock.mockResolvedValue(json(200, { openedTasks: [] }));
    await again.find('[data-test=option-decision-accept] input').setValue(true);
    await again.find('[data-test=submit]').trigger('click');
    await flushPromises();
    again.unmount();
    const after = mountForm();
    await flushPromises();
    expect((after.find('input[data-test=field-amount]').element as HTMLInputElement).value).toBe('');
  });

  it('a step that failed at run time is an incident, not a stale form: the message shows, the case page refreshes', async () => {
    const message = '提交“受理审查”后，流程在“受理决定”处出错：没有任何一个分支的条件成立';
    fetchMock.mockResolvedValue(json(409, { code: 'STEP_FAILED', message, details: [] }));
    const w = mountForm();
    await w.find('[data-test=option-decision-accept] input').setValue(true);
    await w.find('[data-test=submit]').trigger('click');
    await flushPromises();
    expect(w.find('[data-test=conflict]').exists()).toBe(false);
    expect(w.text()).toContain(message);
    expect(w.emitted('incident')).toHaveLength(1);
    expect(w.emitted('done')).toBeUndefined();
  });

  it('starts from the server’s prefill and keeps the form on a figures conflict, naming the field', async () => {
    fetchMock.mockResolvedValue(
      json(409, {
        code: 'FIGURES_DISAGREE',
        message: '测算结论为不符合；偏离测算结果须填写偏离理由',
        details: [{ field: 'data.amount', message: '金额783.00元与测算的保障金额0.00元不一致' }],
      }),
    );
    const w = mount(StepForm, {
      props: {
        task: { ...task, prefill: { decision: 'accept', amount: '783.00' } },
        assessmentStatus: {
          assessmentId: 'a1',
          state: 'stale',
          createdAt: '2026-12-01T02:00:00.000Z',
          eligible: false,
          benefitFen: 0,
          history: [],
        },
      },
      global: { plugins: [ElementPlus] },
      attachTo: document.body,
    });
    expect((w.find('input[data-test=field-amount]').element as HTMLInputElement).value).toBe('783.00');
    expect(w.find('[data-test=assessment-stale]').exists()).toBe(true);
    await w.find('[data-test=submit]').trigger('click');
    await flushPromises();
    expect(JSON.parse(String(fetchMock.mock.calls[0][1]?.body)).data).toEqual({
      decision: 'accept',
      amount: '783.00',
    });
    expect(await error(w, 'amount')).toBe('金额783.00元与测算的保障金额0.00元不一致');
    expect(w.find('[data-test=conflict]').exists()).toBe(false);
  });
});

describe('StepForm: conditional fields, errors that go when fixed, Ctrl+Enter anywhere', () => {
  const acceptance: OpenTask = {
    ...task,
    form: [
      task.form![0],
      {
        id: 'reasons',
        label: '理由',
        type: 'text',
        options: [],
        constraints: [{ name: 'required' }],
        showIf: "${decision == 'reject'}",
      },
    ],
  };

  it('shows the reasons only when refusing, and sends nothing for a hidden field', async () => {
    fetchMock.mockResolvedValue(json(200, { openedTasks: [] }));
    const w = mount(StepForm, {
      props: { task: acceptance },
      global: { plugins: [ElementPlus] },
      attachTo: document.body,
    });
    expect(w.find('[data-field=reasons]').exists()).toBe(false);
    await w.find('[data-test=option-decision-reject] input').setValue(true);
    expect(w.find('[data-field=reasons]').exists()).toBe(true);
    await w.find('[data-test=submit]').trigger('click');
    await flushPromises();
    expect(await error(w, 'reasons')).toBe('“理由”为必填项');
    expect(fetchMock).not.toHaveBeenCalled();
    await w.find('[data-test=option-decision-accept] input').setValue(true);
    await flushPromises();
    expect(w.find('[data-field=reasons]').exists()).toBe(false);
    expect(w.text()).not.toContain('表单填写有误');
    await w.find('[data-test=submit]').trigger('click');
    await flushPromises();
    expect(JSON.parse(String(fetchMock.mock.calls[0][1]?.body)).data).toEqual({ decision: 'accept' });
  });

  it('clears a field error and the banner as soon as the field is fixed', async () => {
    const w = mountForm();
    await w.find('[data-test=submit]').trigger('click');
    await flushPromises();
    expect(await error(w, 'decision')).toBe('“受理决定”为必填项');
    expect(w.text()).toContain('表单填写有误，请按提示修改');
    await w.find('[data-test=option-decision-accept] input').setValue(true);
    await flushPromises();
    await vi.waitFor(() => expect(w.find('[data-field=decision] .el-form-item__error').exists()).toBe(false));
    expect(w.text()).not.toContain('表单填写有误');
  });

  it('Ctrl+Enter submits while the focus is outside the form (e.g. on a tab)', async () => {
    fetchMock.mockResolvedValue(json(200, { openedTasks: [] }));
    const w = mountForm();
    await w.find('[data-test=option-decision-accept] input').setValue(true);
    const tab = document.createElement('button');
    document.body.appendChild(tab);
    tab.focus();
    tab.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    await flushPromises();
    expect(fetchMock).toHaveBeenCalledOnce();
    expect(fetchMock.mock.calls[0][0]).toBe('/api/tasks/t1/complete');
  });
});

describe('StepForm: a step that depends on another says so (sa:requires)', () => {
  const message = '须先在“经济状况测算”中保存家庭经济状况：本环节提交后据此自动测算';
  const visit: OpenTask = {
    ...task,
    name: '邻里访问',
    form: [{ id: 'neighbourVisit', label: '邻里访问情况', type: 'text', options: [], constraints: [] }],
    prerequisites: [{ key: 'economics', met: false, message }],
  };

  it('states the prerequisite and refuses clearly while it is unmet', async () => {
    fetchMock.mockImplementation(async () => json(200, { ...visit, status: 'open' }));
    const w = mount(StepForm, {
      props: { task: visit },
      global: { plugins: [ElementPlus] },
      attachTo: document.body,
    });
    expect(w.get('[data-test=prerequisite]').text()).toContain('保存家庭经济状况');
    await w.find('[data-test=submit]').trigger('click');
    await flushPromises();
    expect(fetchMock.mock.calls.map((c) => c[0])).toEqual(['/api/tasks/t1']);
    expect(w.text()).toContain('“邻里访问”尚不能提交');
  });

  it('submits once the case meets it (saved meanwhile elsewhere)', async () => {
    fetchMock.mockImplementation(async (url) =>
      String(url).endsWith('/complete')
        ? json(200, { openedTasks: [] })
        : json(200, { ...visit, prerequisites: [{ key: 'economics', met: true, message }] }),
    );
    const w = mount(StepForm, {
      props: { task: visit },
      global: { plugins: [ElementPlus] },
      attachTo: document.body,
    });
    await w.find('[data-test=submit]').trigger('click');
    await flushPromises();
    expect(fetchMock.mock.calls.map((c) => c[0])).toEqual(['/api/tasks/t1', '/api/tasks/t1/complete']);
    expect(w.find('[data-test=prerequisite]').exists()).toBe(false);
  });
});

describe('the 法律依据 of a deciding step (issue 17)', () => {
  const CONFIRM = '《社会救助暂行办法》第九条、第十一条，《最低生活保障审核确认办法》第二十一条';
  const REFUSE = '《社会救助暂行办法》第九条、第十一条第（三）项';
  const deciding: OpenTask = {
    ...task,
    name: '县级审核确认',
    form: [
      {
        id: 'decision',
        label: '审核确认决定',
        type: 'enum',
        options: [
          { id: 'confirm', name: '确认' },
          { id: 'refuse', name: '不予确认' },
        ],
        constraints: [{ name: 'required' }],
      },
      { id: 'legalBasis', label: '法律依据', type: 'text', options: [], constraints: [] },
    ],
    prefill: { decision: 'confirm', legalBasis: CONFIRM },
    decisionBases: [
      {
        field: 'decision',
        value: 'confirm',
        templateId: 'confirmation-notice',
        title: '最低生活保障确认通知书',
        legalBasis: CONFIRM,
      },
      {
        field: 'decision',
        value: 'refuse',
        templateId: 'non-confirmation-decision',
        title: '最低生活保障不予确认决定书',
        legalBasis: REFUSE,
      },
    ],
  };
  const basis = (w: ReturnType<typeof mount>) =>
    (w.find('textarea[data-test=field-legalBasis]').element as HTMLTextAreaElement).value;
  const mountDeciding = () =>
    mount(StepForm, {
      props: { task: deciding },
      global: { plugins: [ElementPlus] },
      attachTo: document.body,
    });

  it('starts from the default basis of the template the new answer issues', async () => {
    fetchMock.mockResolvedValue(json(200, {}));
    const w = mountDeciding();
    await flushPromises();
    expect(basis(w)).toBe(CONFIRM);
    await w.find('[data-test=option-decision-refuse] input').setValue(true);
    await flushPromises();
    expect(basis(w)).toBe(REFUSE);
    await w.find('[data-test=option-decision-confirm] input').setValue(true);
    await flushPromises();
    expect(basis(w)).toBe(CONFIRM);
  });

  it('keeps a basis the user wrote themself', async () => {
    fetchMock.mockResolvedValue(json(200, {}));
    const w = mountDeciding();
    await flushPromises();
    const own = '《社会救助暂行办法》第九条，《最低生活保障审核确认办法》第十四条';
    await w.find('textarea[data-test=field-legalBasis]').setValue(own);
    await w.find('[data-test=option-decision-refuse] input').setValue(true);
    await flushPromises();
    expect(basis(w)).toBe(own);
  });
});
