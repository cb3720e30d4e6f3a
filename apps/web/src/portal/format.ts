/** Display helpers for the portal: money is integer fen, dates are ISO strings from the API. */
import { formatYuan } from '@web/shared/money';

export function yuan(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? '—' : `${formatYuan(fen)} 元`;
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
