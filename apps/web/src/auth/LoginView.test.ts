// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createMemoryHistory, createRouter } from 'vue-router';
import LoginView from './LoginView.vue';
import { session } from './session';

const fetchMock = vi.fn<typeof fetch>();
const page = { render: () => null };

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

async function mountAt(path: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', component: LoginView },
      { path: '/:rest(.*)*', component: page },
    ],
  });
  await router.push(path);
  const w = mount(LoginView, { global: { plugins: [ElementPlus, router] }, attachTo: document.body });
  return { w, router };
}

async function signIn(w: Awaited<ReturnType<typeof mountAt>>['w'], username: string, password: string) {
  await w.get('input[name=username]').setValue(username);
  await w.get('input[name=password]').setValue(password);
  await w.get('form').trigger('submit');
  await flushPromises();
}

const fieldError = (w: Awaited<ReturnType<typeof mountAt>>['w'], label: string) =>
  vi.waitFor(
    () => {
      const item = w.findAll('.el-form-item').find((i) => i.get('.el-form-item__label').text() === label);
      return item!.get('.el-form-item__error').text();
    },
    { timeout: 1000, interval: 20 },
  );

const user = {
  id: 'u1',
  username: 'clerk',
  displayName: '王窗口',
  role: 'window_clerk',
  regionCode: '410702',
};

beforeEach(() => {
  fetchMock.mockReset();
  vi.stubGlobal('fetch', fetchMock);
  session.clear();
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('LoginView', () => {
  it('asks for both fields before calling the server', async () => {
    const { w } = await mountAt('/login');
    await signIn(w, '', '');
    expect(await fieldError(w, '用户名')).toBe('请输入用户名');
    expect(await fieldError(w, '密码')).toBe('请输入密码');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('signs in, keeps who signed in (never the token) and opens the role’s home page', async () => {
    fetchMock.mockResolvedValue(json(200, { token: 'tok', user }));
    const { w, router } = await mountAt('/login');
    await signIn(w, 'clerk', 'secret-pass');
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/auth/login');
    expect(JSON.parse(String(init?.body))).toEqual({ username: 'clerk', password: 'secret-pass' });
    expect(session.user?.username).toBe('clerk');
    expect(JSON.parse(localStorage.getItem('sa.session')!).user.username).toBe('clerk');
    // The session is the HttpOnly cookie the answer set: no script can read it from storage.
    expect(localStorage.getItem('sa.session')).not.toContain('tok');
    expect(router.currentRoute.value.fullPath).toBe('/inbox');
  });

  it('goes back to the page that asked for sign-in, but only within the app', async () => {
    fetchMock.mockImplementation(async () => json(200, { token: 'tok', user }));
    const inApp = await mountAt('/login?next=/cases/c1');
    await signIn(inApp.w, 'clerk', 'secret-pass');
    expect(inApp.router.currentRoute.value.fullPath).toBe('/cases/c1');
    inApp.w.unmount();

    const outside = await mountAt('/login?next=https://evil.example/');
    await signIn(outside.w, 'clerk', 'secret-pass');
    expect(outside.router.currentRoute.value.fullPath).toBe('/inbox');
  });

  it('shows the server’s refusal and stays signed out', async () => {
    fetchMock.mockResolvedValue(json(401, { code: 'BAD_CREDENTIALS', message: '用户名或密码错误' }));
    const { w, router } = await mountAt('/login');
    await signIn(w, 'clerk', 'wrong');
    expect(w.get('.el-alert--error').text()).toContain('用户名或密码错误');
    expect(session.user).toBeNull();
    expect(router.currentRoute.value.path).toBe('/login');
  });

  it('shows how long to wait after too many failures', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    fetchMock.mockResolvedValue(
      json(429, {
        code: 'LOGIN_THROTTLED',
        message: '登录失败次数过多，请8秒后再试',
        details: [{ field: 'password', message: '请8秒后再试' }],
        retryAfter: 8,
      }),
    );
    const { w } = await mountAt('/login');
    await signIn(w, 'clerk', 'wrong');
    expect(w.get('.el-alert--error').text()).toContain('请8秒后再试');
    expect(await fieldError(w, '密码')).toBe('请8秒后再试');
    // The button counts the wait down and stays disabled until it is over.
    const button = () => w.get('[data-test=login]');
    expect(button().text()).toBe('请等待 8 秒');
    expect(button().attributes('disabled')).toBeDefined();
    vi.advanceTimersByTime(8_000);
    await flushPromises();
    expect(button().text()).toBe('登录');
    expect(button().attributes('disabled')).toBeUndefined();
  });

  it('shows a wrong password once, with the tries left before the wait, and no second message under the field', async () => {
    fetchMock.mockResolvedValue(
      json(401, {
        code: 'LOGIN_FAILED',
        message: '用户名或密码错误，还可再试4次；连续输错5次，账号将锁定15分钟',
        details: [{ field: 'password', message: '用户名或密码错误' }],
      }),
    );
    const { w } = await mountAt('/login');
    await signIn(w, 'clerk', 'wrong');
    expect(w.get('.el-alert--error').text()).toContain('还可再试4次');
    expect(w.findAll('.el-form-item__error')).toHaveLength(0);
    expect(w.text().match(/用户名或密码错误/g)).toHaveLength(1);
  });

  it('says an expired session ended', async () => {
    const { w } = await mountAt('/login?reason=expired&next=/inbox');
    expect(w.get('[data-test=idle-notice]').text()).toContain('登录已过期，请重新登录');
  });

  it('says an idle session ended', async () => {
    const { w } = await mountAt('/login?reason=idle');
    expect(w.get('[data-test=idle-notice]').text()).toContain('长时间未操作，已自动退出');
  });
});
