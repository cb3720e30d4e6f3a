// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appClock, appToday, loadAppClock } from './app-clock';

afterEach(() => {
  vi.unstubAllGlobals();
  appClock.offsetMs = 0;
});

describe('appToday', () => {
  it('is the server’s day when the demo clock runs ahead, not the browser’s', async () => {
    const ahead = new Date(Date.now() + 8 * 86_400_000);
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify({ now: ahead.toISOString(), today: '', demo: true, offsetDays: 8 }), {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
          }),
      ),
    );
    const browserToday = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    await loadAppClock();
    expect(appClock.demo).toBe(true);
    expect(appToday()).toBe(new Date(ahead.getTime() + 8 * 3600_000).toISOString().slice(0, 10));
    expect(appToday()).not.toBe(browserToday);
  });
});
