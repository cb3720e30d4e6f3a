/**
 * 发文字号 per GB/T 9704-2012 §7.2.5: 机关代字 + 〔年份〕 + 序号 + 号.
 * Six-corner brackets (U+3014/U+3015), no leading zeros, no "第".
 */
export interface DocumentNumberParts {
  /** Agency abbreviation, e.g. "安" for 平安县民政局. */
  agencyAbbr: string;
  /** Document type code, e.g. "民低确". */
  numberCode: string;
  year: number;
  seq: number;
}

const NUMBER_PATTERN = /^(.+?)〔(\d{4})〕([1-9]\d*)号$/u;

export function formatDocumentNumber(parts: DocumentNumberParts): string {
  const { agencyAbbr, numberCode, year, seq } = parts;
  if (!Number.isInteger(year) || year < 1000 || year > 9999)
    throw new RangeError(`年份必须为四位整数：${year}`);
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`序号必须为正整数：${seq}`);
  const prefix = `${agencyAbbr}${numberCode}`;
  if (!prefix.trim()) throw new RangeError('机关代字不能为空');
  if (/[〔〕\[\]【】（）()\d]/u.test(prefix)) throw new RangeError(`机关代字含有非法字符：${prefix}`);
  return `${prefix}〔${year}〕${seq}号`;
}

/**
 * Parses a formatted number. The split between agency abbreviation and type code is not
 * recoverable from the text alone, so the caller may pass the known type code.
 */
export function parseDocumentNumber(text: string, numberCode?: string): DocumentNumberParts | null {
  const m = NUMBER_PATTERN.exec(text.trim());
  if (!m) return null;
  const prefix = m[1];
  let agencyAbbr = '';
  let code = prefix;
  if (numberCode !== undefined) {
    if (!prefix.endsWith(numberCode)) return null;
    agencyAbbr = prefix.slice(0, prefix.length - numberCode.length);
    code = numberCode;
  }
  return { agencyAbbr, numberCode: code, year: Number(m[2]), seq: Number(m[3]) };
}
