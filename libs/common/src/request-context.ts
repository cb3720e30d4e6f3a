import { AsyncLocalStorage } from 'node:async_hooks';

/** Where a request came from: recorded with every audit entry it causes (执法全过程记录：何处). */
export interface RequestOrigin {
  /** Made by the server for this request: the request's identity on the record. */
  requestId: string;
  /** The caller's own X-Request-Id, when well-formed: only to find the caller's logs, never proof. */
  correlationId?: string;
  ip: string | null;
  userAgent: string | null;
}

const storage = new AsyncLocalStorage<RequestOrigin>();

/**
 * Runs `fn` with the request's origin in scope, so code deep in a service (the audit writer) knows
 * who called from where without every signature carrying it.
 */
export function withRequestOrigin<T>(origin: RequestOrigin, fn: () => T): T {
  return storage.run(origin, fn);
}

/** The origin of the request being served, or null for timers, workers and scripts. */
export function currentRequestOrigin(): RequestOrigin | null {
  return storage.getStore() ?? null;
}
