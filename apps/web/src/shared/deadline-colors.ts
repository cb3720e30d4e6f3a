import type { Urgency } from '@web/api/types';

/**
 * Four colours a clerk can tell apart at a glance (overdue, today/next working day, within three,
 * ample), each with a text colour that keeps 12-px text at WCAG AA contrast (≥ 4.5:1).
 */
export const DEADLINE_COLORS: Record<Urgency['level'], { background: string; color: string }> = {
  red: { background: '#d93025', color: '#ffffff' },
  orange: { background: '#f08c00', color: '#2b1700' },
  yellow: { background: '#f5d142', color: '#5c4a00' },
  green: { background: '#2e7d32', color: '#ffffff' },
};

/** WCAG 2.1 contrast ratio of two `#rrggbb` colours. */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
