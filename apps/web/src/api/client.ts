/**
 * The one way the web app talks to the API: the session cookie (with the anti-forgery header on
 * requests that change something), JSON in and out,
 * and every failure turned into an ApiError carrying the server's Chinese message and the
 * offending fields, so forms can show each error next to its field.
 */
import { session } from '../auth/session';
import type { ApiErrorBody, FieldProblem } from './types';
export type { FieldProblem };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
    /** For a 429: seconds until another try is worth it. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }

  /** Field → message, for el-form-item `:error`. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const d of this.details) if (!out[d.field]) out[d.field] = d.message;
    return out;
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

function withQuery(url: string, query?: Query): string {
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${url}${url.includes('?') ? '&' : '?'}${s}` : url;
}

/** Methods the server checks for forgery (libs/auth session-cookie.ts). */
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The anti-forgery value the server set at sign-in, readable by this page only. */
function csrfToken(): string | null {
  const found = document.cookie.split(';').find((c) => c.trim().startsWith('sa_csrf='));
  return found ? decodeURIComponent(found.trim().slice('sa_csrf='.length)) : null;
}

async function send(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  const h: Record<string, string> = { ...headers };
  const csrf = UNSAFE.has(method) ? csrfToken() : null;
  if (csrf) h['X-CSRF-Token'] = csrf;
  let payload: BodyInit | undefined;
  if (body instanceof Blob || body instanceof ArrayBuffer || body instanceof FormData) {
    payload = body as BodyInit;
  } else if (body !== undefined) {
    h['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(url, { method, headers: h, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  if (!res.ok) {
    let data: Partial<ApiErrorBody> | null = null;
    try {
      data = await res.json();
    } catch {
      /* not JSON: fall through */
    }
    if (res.status === 401 && session.user) {
      session.clear();
      if (!location.pathname.startsWith('/login')) location.assign(expiredSignInUrl(location, data?.code));
    }
    throw new ApiError(
      res.status,
      data?.code ?? `HTTP_${res.status}`,
      data?.message ?? `请求失败（${res.status}）`,
      data?.details ?? [],
      data?.retryAfter,
    );
  }
  return res;
}

/**
 * Where a request refused for an ended session sends the user: the sign-in page, saying why (idle,
 * or expired), and back to the very page (with its query: filters, the open tab) afterwards.
 */
export function expiredSignInUrl(at: Pick<Location, 'pathname' | 'search' | 'hash'>, code?: string): string {
  const next = `${at.pathname}${at.search}${at.hash}`;
  const reason = code === 'SESSION_IDLE' ? 'idle' : 'expired';
  return `/login?next=${encodeURIComponent(next)}&reason=${reason}`;
}

export const api = {
  async get<T = unknown>(url: string, query?: Query): Promise<T> {
    return (await send('GET', withQuery(url, query))).json();
  },
  /** A GET whose answer also says something in its headers (a page's cursor and total). */
  async getWithHeaders<T = unknown>(url: string, query?: Query): Promise<{ body: T; headers: Headers }> {
    const res = await send('GET', withQuery(url, query));
    return { body: await res.json(), headers: res.headers };
  },
  async post<T = unknown>(url: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    const res = await send('POST', url, body ?? {}, headers);
    return res.status === 204 ? (undefined as T) : res.json();
  },
  async put<T = unknown>(url: string, body?: unknown): Promise<T> {
    return (await send('PUT', url, body ?? {})).json();
  },
  async patch<T = unknown>(url: string, body?: unknown): Promise<T> {
    return (await send('PATCH', url, body ?? {})).json();
  },
  async del<T = unknown>(url: string): Promise<T> {
    const res = await send('DELETE', url);
    return res.status === 204 ? (undefined as T) : res.json();
  },
  /** A binary answer (PDF, ZIP, workbook) with auth, as a Blob. */
  async blob(
    url: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Blob> {
    return (await send(init.method ?? 'GET', url, init.body, init.headers)).blob();
  },
};

/** Saves a Blob as a file the browser downloads. */
export function saveBlob(blob: Blob, fileName: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
