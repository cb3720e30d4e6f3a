import { fontFiles } from './fonts';
import { pdfkitFontkit } from './pdfkit-fontkit';

interface GlyphFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

let fonts: GlyphFont[] | undefined;

/** Every embedded weight: a character is printable only if each weight a document uses has it. */
function embeddedFonts(): GlyphFont[] {
  if (!fonts) {
    // fontkit as pdfmake bundles it, so the answer is what the renderer will do.
    const fontkit = pdfkitFontkit<{ create(buffer: Buffer): GlyphFont }>();
    fonts = [...fontFiles().values()].map((bytes) => fontkit.create(bytes));
  }
  return fonts;
}

/** Whitespace and controls print nothing by design; only visible characters need a glyph. */
const INVISIBLE = /[\s\u200b-\u200d\u2060]/u;

/**
 * The distinct characters of `text` that the embedded Noto Serif SC (regular or bold) has no glyph
 * for, in order of appearance. Printed, each would be a blank box (tofu) on a legal document, so
 * input that must appear in documents is checked with this before it is accepted.
 */
export function missingGlyphs(text: string): string[] {
  const missing: string[] = [];
  for (const ch of text) {
    if (INVISIBLE.test(ch) || missing.includes(ch)) continue;
    const cp = ch.codePointAt(0)!;
    if (!embeddedFonts().every((f) => f.hasGlyphForCodePoint(cp))) missing.push(ch);
  }
  return missing;
}

/** The zh-CN message for a field whose text the documents cannot print, or undefined. */
export function missingGlyphsMessage(text: string): string | undefined {
  const missing = missingGlyphs(text);
  if (!missing.length) return undefined;
  const list = missing
    .map((ch) => `“${ch}”（U+${ch.codePointAt(0)!.toString(16).toUpperCase()}）`)
    .join('、');
  return `含有文书字体无法显示的字：${list}，请改用通用规范汉字或同音字，并在备注中说明`;
}
