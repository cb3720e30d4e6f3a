/** Integer fen ↔ yuan text with 2 decimals, as the API keeps money in fen. */
export function fenToYuan(fen: unknown): string {
  return typeof fen === 'number' && Number.isFinite(fen) ? (fen / 100).toFixed(2) : '';
}

/** "1440" / "1440.5" / "1440.50" → 144050; anything else → undefined. */
export function yuanToFen(text: string): number | undefined {
  const m = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
