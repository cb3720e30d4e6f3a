/**
 * How figures read in a 计算明细 line: `1,980元`, `12,672元`, `462.67元`, `0.8`, `60%`. Plain string
 * work, no Intl: the assessment runs in bulk (re-assessing every stored household after a
 * standard changes) and a formatter per line would cost more than the arithmetic.
 */
import { type ExactFen, type Fen, formatRatio, roundFen } from './money';

function group(digits: string): string {
  if (digits.length <= 3) return digits;
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return out;
}

/** Yuan with thousands separators; the fen only when there are any. Display only. */
export function money(a: ExactFen | Fen): string {
  const f = typeof a === 'number' ? a : a.den === 1 ? a.num : roundFen(a, 'fen');
  const abs = Math.abs(f);
  const cents = abs % 100;
  const whole = group(String((abs - cents) / 100));
  return `${f < 0 ? '-' : ''}${whole}${cents ? `.${String(cents).padStart(2, '0')}` : ''}元`;
}

/** A coefficient with the facts it came from: `0.8（51–60周岁·健康）`. */
export function coefficientText(bp: number, why: string): string {
  return `${formatRatio(bp)}（${why}）`;
}
