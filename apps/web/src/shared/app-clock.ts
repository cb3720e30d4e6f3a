/**
 * The application clock as the server keeps it (GET /api/clock). In a demo it runs ahead of the
 * real date, and the server checks dates against it, so date fields default to its day, not the
 * browser's.
 */
import { reactive } from 'vue';
import { shanghaiDate } from '@shared/common/clock';
import { api } from '../api/client';
import type { AppClock } from '@web/api/types';

export const appClock = reactive({
  /** Application time minus browser time, measured when the clock was read. */
  offsetMs: 0,
  demo: false,
  offsetDays: 0,
  loaded: false,
});

/** Reads the server's clock; a failure leaves the browser's own (the server still checks). */
export async function loadAppClock(): Promise<void> {
  try {
    const c = await api.get<AppClock>('/api/clock');
    appClock.offsetMs = Date.parse(c.now) - Date.now();
    appClock.demo = c.demo;
    appClock.offsetDays = c.offsetDays;
    appClock.loaded = true;
  } catch {
    /* not signed in, or offline */
  }
}

/** The application's today in China, YYYY-MM-DD. */
export function appToday(): string {
  return shanghaiDate(new Date(Date.now() + appClock.offsetMs));
}
