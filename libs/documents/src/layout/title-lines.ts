/**
 * Terms a title line must not split: a program or document name read in two halves changes
 * meaning ("…决／定书").
 */
const WHOLE_TERMS = [
  '最低生活保障金',
  '最低生活保障',
  '特困人员',
  '救助供养',
  '临时救助',
  '低收入人口',
  '家庭经济状况',
  '家庭人口',
  '财产状况',
  '收入状况',
  '书面声明',
  '诚信承诺书',
  '承诺书',
  '决定书',
  '通知书',
  '告知书',
  '答复书',
  '授权书',
  '申请书',
  '意见书',
  '送达回证',
  '不予确认',
  '不予受理',
  '审核确认',
  '事先告知',
];

/** Places where a title reads naturally in two parts: after 的/、/）, before 及/和/关于. */
const GOOD_BREAK_AFTER = /[的、）)]$/;
const GOOD_BREAK_BEFORE = /^(及|和|与|关于)/;
const MIN_LINE = 3;

/**
 * Breaks a title into centred lines (GB/T 9704 §7.3.1: 回行时词意完整，排列对称，长短适宜),
 * as few lines as fit, balanced in length, never with a line of one or two characters and never
 * inside a whole term.
 */
export function titleLines(title: string, maxChars: number): string[] {
  const chars = Array.from(title);
  if (chars.length <= maxChars) return [title];
  const lineCount = Math.ceil(chars.length / maxChars);
  const protectedAt = new Set<number>();
  // Either edge of a whole term is a natural break.
  const termEdges = new Set<number>();
  for (const term of WHOLE_TERMS) {
    for (let at = title.indexOf(term); at >= 0; at = title.indexOf(term, at + 1)) {
      const start = Array.from(title.slice(0, at)).length;
      const length = Array.from(term).length;
      for (let k = 1; k < length; k++) protectedAt.add(start + k);
      termEdges.add(start).add(start + length);
    }
  }
  const breakCost = (at: number): number => {
    const before = chars.slice(0, at).join('');
    const after = chars.slice(at).join('');
    if (protectedAt.has(at)) return 40;
    if (termEdges.has(at)) return 0;
    if (GOOD_BREAK_AFTER.test(before) || GOOD_BREAK_BEFORE.test(after)) return 0;
    return 3;
  };
  let best: { cost: number; breaks: number[] } | undefined;
  const search = (from: number, breaks: number[]) => {
    if (breaks.length === lineCount - 1) {
      const lengths = [...breaks, chars.length].map((b, i) => b - (i ? breaks[i - 1] : 0));
      if (lengths.some((l) => l < MIN_LINE || l > maxChars)) return;
      const ideal = chars.length / lineCount;
      const cost =
        lengths.reduce((a, l) => a + Math.abs(l - ideal), 0) + breaks.reduce((a, b) => a + breakCost(b), 0);
      if (!best || cost < best.cost) best = { cost, breaks: [...breaks] };
      return;
    }
    for (let at = from + MIN_LINE; at <= Math.min(chars.length - MIN_LINE, from + maxChars); at++) {
      search(at, [...breaks, at]);
    }
  };
  search(0, []);
  if (!best) return [title];
  const cuts = [0, ...best.breaks, chars.length];
  return cuts.slice(1).map((end, i) => chars.slice(cuts[i], end).join(''));
}
