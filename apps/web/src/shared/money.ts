/**
 * The web's one money helper. Money is integer fen, as the API keeps it; parsing and rounding are
 * the server's own (libs/assessment money), so a typed amount and an assessment show the same fen
 * in the browser as in the decision.
 */
import { formatYuan as plainYuan, roundFen, yuanToFen, type ExactFen } from '@shared/assessment/money';

export type { ExactFen };

/**
 * A non-negative amount as typed: whole yuan without leading zeros (at most 12 digits, so any
 * amount stays a safe integer of fen), then at most two decimals. The server's form check
 * (parseYuanToFen) reads the same texts.
 */
const YUAN_TEXT = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;

/** "1440" / "1440.5" / " 1440.50 " → 144050; undefined when the text is not such an amount. */
export function parseYuan(text: string): number | undefined {
  const t = text.trim();
  return YUAN_TEXT.test(t) ? yuanToFen(t) : undefined;
}

/** 123450 → "1234.50", to put back into an input (no separators); '' when there is no amount. */
export function fenToYuan(fen: unknown): string {
  return typeof fen === 'number' && Number.isSafeInteger(fen) && fen >= 0 ? plainYuan(fen) : '';
}

/** Integer fen → yuan with two decimals and thousands separators, for reading. */
export function formatYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '—';
  const text = plainYuan(Math.trunc(fen));
  return text.replace(/\d+(?=\.)/, (whole) => whole.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
}

/** Exact fen as the assessment stores it, rounded at the fen the way the server rounds, then shown as yuan. */
export function formatExactYuan(value: ExactFen | number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return formatYuan(value);
  return value.den ? formatYuan(roundFen(value, 'fen')) : '—';
}
