// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, expiredSignInUrl } from './client';

const fetchMock = vi.fn<typeof fetch>();

beforeEach(() => {
  fetchMock.mockReset();
  fetchMock.mockImplementation(async () => new Response('{}', { status: 200 }));
  vi.stubGlobal('fetch', fetchMock);
  document.cookie = 'sa_csrf=csrf-value; path=/';
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.cookie = 'sa_csrf=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT';
});

const sent = (call: number) => {
  const init = fetchMock.mock.calls[call][1]!;
  return { headers: init.headers as Record<string, string>, credentials: init.credentials };
};

describe('api client', () => {
  it('rides on the session cookie and sends no bearer token', async () => {
    await api.get('/api/cases');
    expect(sent(0).credentials).toBe('same-origin');
    expect(sent(0).headers.Authorization).toBeUndefined();
  });

  it('echoes the anti-forgery cookie on requests that change something, not on reads', async () => {
    await api.get('/api/cases');
    await api.post('/api/cases', {});
    await api.patch('/api/users/u1', {});
    await api.del('/api/x');
    expect(sent(0).headers['X-CSRF-Token']).toBeUndefined();
    expect(sent(1).headers['X-CSRF-Token']).toBe('csrf-value');
    expect(sent(2).headers['X-CSRF-Token']).toBe('csrf-value');
    expect(sent(3).headers['X-CSRF-Token']).toBe('csrf-value');
  });
});

describe('expiredSignInUrl', () => {
  it('says the session expired and returns to the same page with its filters', () => {
    const url = expiredSignInUrl({ pathname: '/inbox', search: '?program=dibao&overdue=1', hash: '' });
    const q = new URLSearchParams(url.split('?')[1]);
    expect(url.startsWith('/login?')).toBe(true);
    expect(q.get('next')).toBe('/inbox?program=dibao&overdue=1');
    expect(q.get('reason')).toBe('expired');
  });
  it('tells an idle sign-out apart', () => {
    const q = new URLSearchParams(
      expiredSignInUrl({ pathname: '/cases/c1', search: '', hash: '' }, 'SESSION_IDLE').split('?')[1],
    );
    expect(q.get('reason')).toBe('idle');
    expect(q.get('next')).toBe('/cases/c1');
  });
});
