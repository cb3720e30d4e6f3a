import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * How a browser holds its session: the token in an HttpOnly cookie that page scripts cannot read
 * (so an injected script cannot carry it off), SameSite=Strict so no other site's page sends it.
 * Unsafe requests made with the cookie must also echo the anti-forgery value in X-CSRF-Token;
 * the page reads it from a second, readable cookie. API clients and scripts send the token as
 * `Authorization: Bearer` instead, which a browser never adds on its own and so needs no check.
 */
export const SESSION_COOKIE = 'sa_session';
export const CSRF_COOKIE = 'sa_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Methods that change nothing and so need no anti-forgery value. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The anti-forgery value of a session: derived from its token, so the server checks it against
 * the session itself and a cookie planted by a neighbouring site cannot supply a matching pair.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`csrf:${sessionToken}`).digest('base64url');
}

type Headers = Record<string, string | string[] | undefined>;

/** A cookie's value from the Cookie header, or undefined. */
export function cookieValue(headers: Headers, name: string): string | undefined {
  const header = headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) {
      const value = part.slice(at + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return undefined;
}

export interface SessionCredential {
  token: string;
  via: 'bearer' | 'cookie';
}

/** The session token a request carries: the Authorization header first, else the cookie. */
export function sessionCredential(headers: Headers): SessionCredential | null {
  const header = headers.authorization;
  if (typeof header === 'string' && header.startsWith('Bearer ')) {
    const token = header.slice(7).trim();
    return token ? { token, via: 'bearer' } : null;
  }
  const token = cookieValue(headers, SESSION_COOKIE);
  return token ? { token, via: 'cookie' } : null;
}

/** Whether a request made with these credentials may go ahead as far as forgery is concerned. */
export function passesCsrfCheck(method: string, headers: Headers, credential: SessionCredential): boolean {
  if (credential.via === 'bearer' || SAFE_METHODS.has(method.toUpperCase())) return true;
  const sent = headers[CSRF_HEADER];
  if (typeof sent !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(credential.token));
  const given = Buffer.from(sent);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
