/**
 * Where the next inbox page starts: the sort, the order and the key values of the last task shown,
 * as the page query compared them. The values travel in the cursor rather than being read again from
 * the task, because a key can change between fetches (a new assessment rewrites the hardship index
 * of the case's open tasks): re-read, it would move the page's start and skip or repeat tasks. A
 * cursor names no task, so it tells nobody whether some task exists elsewhere. Pure: no framework.
 */
export type CursorKeyType = 'date' | 'int' | 'numeric' | 'timestamptz' | 'uuid';

export interface InboxCursor {
  sort: string;
  order: 'asc' | 'desc';
  /** The key values as text, in the keyset's order (the task id last). */
  keys: string[];
}

const VALUE: Record<CursorKeyType, RegExp> = {
  date: /^(\d{4}-\d{2}-\d{2}|infinity)$/,
  int: /^-?\d{1,10}$/,
  numeric: /^(-?\d{1,12}(\.\d{1,12})?|Infinity)$/,
  timestamptz: /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
};

export function encodeInboxCursor(cursor: InboxCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.order, ...cursor.keys]), 'utf8').toString(
    'base64url',
  );
}

/** The cursor as sent back by a client, or null when it is not one this server wrote. */
export function decodeInboxCursor(text: string): InboxCursor | null {
  if (text.length > 400 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length < 4 || !parsed.every((v) => typeof v === 'string')) return null;
  const [sort, order, ...keys] = parsed as string[];
  if (order !== 'asc' && order !== 'desc') return null;
  return { sort, order, keys };
}

/** Whether the cursor's values fit a keyset of these types (else the page query could not use them). */
export function cursorFits(cursor: InboxCursor, types: CursorKeyType[]): boolean {
  return cursor.keys.length === types.length && cursor.keys.every((v, i) => VALUE[types[i]].test(v));
}
