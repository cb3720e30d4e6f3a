/** Display helpers for the portal: money is integer fen, dates are ISO strings from the API. */
import { shanghaiDate } from '@shared/common/clock';
import { formatYuan } from '@web/shared/money';

export function yuan(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? '—' : `${formatYuan(fen)} 元`;
}

/** "2026-11-23" or an ISO timestamp → "2026年11月23日" (China time). */
export function cnDate(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const iso =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : shanghaiDate(new Date(value));
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** An ISO timestamp → "2026-11-23 14:05" (China time). */
export function cnDateTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  return new Date(new Date(value).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export const STATUS_TAG: Record<string, 'primary' | 'success' | 'info' | 'warning' | 'danger'> = {
  in_progress: 'primary',
  confirmed: 'success',
  'not-accepted': 'danger',
  'not-eligible': 'warning',
  refused: 'danger',
};

export function statusTag(c: { status: string; outcome: string | null }) {
  return c.status === 'in_progress' ? 'primary' : (STATUS_TAG[c.outcome ?? ''] ?? 'info');
}
