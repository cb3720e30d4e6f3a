import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/*
 * GB/T 9704 sets 仿宋 for the body, 小标宋 for titles, 黑体 for first-level and 楷体 for
 * second-level headings. Those faces are commercial (方正/中易); the open-licensed (SIL OFL)
 * substitutes that install from npm as TTF are:
 * - body (仿宋) and titles (小标宋): Noto Serif SC Regular / Bold, a Song-style serif; no
 *   open 仿宋 TTF is published on npm;
 * - 黑体 headings: Noto Sans SC Medium, a true 黑体 (sans) face;
 * - 楷体 headings: LXGW WenKai is published on npm only as web fonts split into unicode-range
 *   pieces, which cannot be embedded whole, so second-level headings use the bold serif.
 * docs/documents.md records the substitution.
 */
export const FONT_FAMILY = 'NotoSerifSC';
export const HEITI_FAMILY = 'NotoSansSC';

/*
 * Font entries are named by the TTF's PostScript name: pdfkit caches a font loaded from a
 * buffer under that name, so a font asked for by the same string reuses the parsed font
 * instead of reading the 15 MB file again.
 */
const SERIF_REGULAR = 'NotoSerifSC-Regular';
const SERIF_BOLD = 'NotoSerifSC-Bold';
const SANS_MEDIUM = 'NotoSansSC-Medium';
const SANS_BOLD = 'NotoSansSC-Bold';

/** Resolved from the npm package so the font is a pinned dependency, not a system font. */
function fontPath(pkgName: string, weightDir: string, file: string): string {
  const pkg = dirname(require.resolve(`${pkgName}/package.json`));
  return join(pkg, weightDir, file);
}

export function fontDescriptors(): Record<string, Record<string, string>> {
  return {
    [FONT_FAMILY]: {
      normal: SERIF_REGULAR,
      bold: SERIF_BOLD,
      italics: SERIF_REGULAR,
      bolditalics: SERIF_BOLD,
    },
    [HEITI_FAMILY]: { normal: SANS_MEDIUM, bold: SANS_BOLD, italics: SANS_MEDIUM, bolditalics: SANS_BOLD },
  };
}

let cache: Map<string, Buffer> | undefined;

/** Font bytes, read once per process (each TTF is 10–15 MB). */
export function fontFiles(): Map<string, Buffer> {
  cache ??= new Map([
    [SERIF_REGULAR, readFileSync(fontPath(SERIF, '400Regular', 'NotoSerifSC_400Regular.ttf'))],
    [SERIF_BOLD, readFileSync(fontPath(SERIF, '700Bold', 'NotoSerifSC_700Bold.ttf'))],
    [SANS_MEDIUM, readFileSync(fontPath(SANS, '500Medium', 'NotoSansSC_500Medium.ttf'))],
    [SANS_BOLD, readFileSync(fontPath(SANS, '700Bold', 'NotoSansSC_700Bold.ttf'))],
  ]);
  return cache;
}
const SERIF = '@expo-google-fonts/noto-serif-sc';
const SANS = '@expo-google-fonts/noto-sans-sc';

interface Glyph {
  advanceWidth: number;
  path: { toSVG(): string };
}
export interface OutlineFont {
  unitsPerEm: number;
  layout(text: string): { glyphs: Glyph[]; advanceWidth: number };
}

// fontkit ships no types; pdfkit (under pdfmake) embeds fonts with this same library.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fontkit = require('fontkit') as { create(bytes: Buffer): unknown };

const parsed = new Map<string, OutlineFont>();
function outlineFont(name: string): OutlineFont {
  let font = parsed.get(name);
  if (!font) {
    font = fontkit.create(fontFiles().get(name)!) as unknown as OutlineFont;
    parsed.set(name, font);
  }
  return font;
}

/** The seal's face: glyph outlines are drawn as paths, so the seal adds nothing to the text layer. */
export const glyphFont = (): OutlineFont => outlineFont(SERIF_BOLD);

/** Advance width in points of text set in the body face, as pdfkit will set it. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  const font = outlineFont(bold ? SERIF_BOLD : SERIF_REGULAR);
  return (font.layout(text).advanceWidth * fontSize) / font.unitsPerEm;
}
