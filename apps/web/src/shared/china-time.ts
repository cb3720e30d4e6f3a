/**
 * Dates and times as a Chinese office reads them: China time (UTC+8) whatever the browser's zone,
 * through the server's one helper (libs/common/src/clock.ts).
 */
import { shanghaiDate, shanghaiDateTime } from '@shared/common/clock';

type Instant = string | Date | null | undefined;

/** "2026-11-23" or an ISO timestamp → "2026年11月23日". */
export function cnDate(value: Instant): string {
  if (!value) return '—';
  const iso =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : shanghaiDate(new Date(value));
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** An ISO timestamp → "2026-11-23 14:05", or with seconds "2026-11-23 14:05:09". */
export function cnDateTime(value: Instant, options: { seconds?: boolean } = {}): string {
  if (!value) return '—';
  return shanghaiDateTime(new Date(value))
    .slice(0, options.seconds ? 19 : 16)
    .replace('T', ' ');
}
