import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { debounce } from './debounce';

describe('debounce (draft saving while typing)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves once after typing pauses, with the last value', () => {
    const saved: string[] = [];
    const save = debounce((v: string) => saved.push(v), 1000);
    save('王');
    vi.advanceTimersByTime(500);
    save('王建');
    vi.advanceTimersByTime(999);
    expect(saved).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(saved).toEqual(['王建']);
  });

  it('does not save after the form was submitted (cancel), and flushes on demand', () => {
    const saved: string[] = [];
    const save = debounce((v: string) => saved.push(v), 1000);
    save('a');
    save.cancel();
    vi.advanceTimersByTime(2000);
    expect(saved).toEqual([]);
    save('b');
    save.flush();
    expect(saved).toEqual(['b']);
  });
});
