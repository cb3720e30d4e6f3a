/**
 * The inbox filters in the address bar, so a filtered inbox survives a reload, the back button
 * and a link sent to a colleague. Unknown or malformed values are dropped, not trusted.
 */
export interface InboxFilterState {
  /** 组内待办 (group, the default, left out of the address) or 我的任务 (mine). */
  scope: 'group' | 'mine';
  program: string;
  township: string;
  urgency: string;
  dueBefore: string;
  text: string;
}

const KEYS = ['scope', 'program', 'township', 'urgency', 'dueBefore', 'text'] as const;
const VALID: Record<(typeof KEYS)[number], RegExp> = {
  scope: /^mine$/,
  program: /^[a-z_-]{1,30}$/,
  township: /^\d{6,12}$/,
  urgency: /^(red|orange|yellow|green)$/,
  dueBefore: /^\d{4}-\d{2}-\d{2}$/,
  text: /^[\s\S]{1,50}$/,
};

type QueryValue = string | null | (string | null)[] | undefined;

export function filterFromQuery(query: Record<string, QueryValue>): InboxFilterState {
  const out: InboxFilterState = {
    scope: 'group',
    program: '',
    township: '',
    urgency: '',
    dueBefore: '',
    text: '',
  };
  for (const key of KEYS) {
    const raw = query[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (typeof value !== 'string' || !VALID[key].test(value)) continue;
    if (key === 'scope') out.scope = 'mine';
    else out[key] = value;
  }
  return out;
}

/** Only the filters in use: an unfiltered inbox keeps a clean address. */
export function filterToQuery(filter: InboxFilterState): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of KEYS) {
    const value = key === 'text' ? filter[key].trim() : filter[key];
    if (value && value !== 'group') out[key] = value;
  }
  return out;
}
