import { afterEach, describe, expect, it, vi } from 'vitest';
import { newIdempotencyKey } from './random-key';

describe('newIdempotencyKey', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('uses randomUUID where the browser offers it', () => {
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(50);
    for (const k of keys)
      expect(k).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('falls back to 16 random bytes outside a secure context', () => {
    const getRandomValues = vi.fn((a: Uint8Array) => a.fill(0xab));
    vi.stubGlobal('crypto', { getRandomValues });
    expect(newIdempotencyKey()).toBe('ab'.repeat(16));
    expect(getRandomValues).toHaveBeenCalledOnce();
  });
});
