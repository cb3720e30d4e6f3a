/** Integer fen → yuan with two decimals and thousands separators, without floating-point steps. */
export function formatYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '—';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** An exact fraction of fen as the assessment stores it. */
export interface ExactFen {
  num: number;
  den: number;
}

/** Exact fen rounded half-up to whole fen (integer arithmetic), then shown as yuan. */
export function formatExactYuan(value: ExactFen | number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return formatYuan(value);
  const { num, den } = value;
  if (!den) return '—';
  const sign = num * den < 0 ? -1 : 1;
  const [n, d] = [Math.abs(num), Math.abs(den)];
  return formatYuan(sign * Math.floor((2 * n + d) / (2 * d)));
}
