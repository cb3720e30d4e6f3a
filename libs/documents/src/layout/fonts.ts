import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pdfkitFontkit } from './pdfkit-fontkit';
import { woffToSfnt } from './woff';

/*
 * GB/T 9704 sets 仿宋 for the body, 小标宋 for titles, 黑体 for first-level and 楷体 for
 * second-level headings. Those faces are commercial (方正/中易); the open-licensed (SIL OFL)
 * substitutes that install from npm as TTF are:
 * - body (仿宋) and titles (小标宋): Noto Serif SC Regular / Bold, a Song-style serif; no
 *   open 仿宋 TTF is published on npm;
 * - 黑体 headings: Noto Sans SC Medium, a true 黑体 (sans) face;
 * - 楷体 headings: LXGW WenKai, whose npm package (@fontsource) ships the whole font as WOFF;
 *   it is turned into a TTF buffer once at load (woff.ts).
 * docs/documents.md records the substitution.
 */
export const FONT_FAMILY = 'NotoSerifSC';
export const HEITI_FAMILY = 'NotoSansSC';
export const KAITI_FAMILY = 'LXGWWenKai';

/*
 * Font entries are named by the TTF's PostScript name: pdfkit caches a font loaded from a
 * buffer under that name, so a font asked for by the same string reuses the parsed font
 * instead of reading the 15 MB file again.
 */
const SERIF_REGULAR = 'NotoSerifSC-Regular';
const SERIF_BOLD = 'NotoSerifSC-Bold';
const SANS_MEDIUM = 'NotoSansSC-Medium';
const SANS_BOLD = 'NotoSansSC-Bold';
const KAI_REGULAR = 'LXGWWenKai-Regular';

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
    [KAITI_FAMILY]: {
      normal: KAI_REGULAR,
      bold: KAI_REGULAR,
      italics: KAI_REGULAR,
      bolditalics: KAI_REGULAR,
    },
  };
}

let cache: Map<string, Buffer> | undefined;

/**
 * The faces inserted text (names, addresses, opinions) is set in, read once per process (each TTF
 * is 10–15 MB); the glyph check of input runs against these.
 */
export function fontFiles(): Map<string, Buffer> {
  cache ??= new Map([
    [SERIF_REGULAR, readFileSync(fontPath(SERIF, '400Regular', 'NotoSerifSC_400Regular.ttf'))],
    [SERIF_BOLD, readFileSync(fontPath(SERIF, '700Bold', 'NotoSerifSC_700Bold.ttf'))],
    [SANS_MEDIUM, readFileSync(fontPath(SANS, '500Medium', 'NotoSansSC_500Medium.ttf'))],
    [SANS_BOLD, readFileSync(fontPath(SANS, '700Bold', 'NotoSansSC_700Bold.ttf'))],
  ]);
  return cache;
}

let kai: Buffer | undefined;

/**
 * A font's bytes by its entry name. The 楷体 face serves only templates' second-level headings, so
 * it is read and inflated (16 MB) the first time a document uses it, not by every process.
 */
export function fontBytes(name: string): Buffer | undefined {
  if (name !== KAI_REGULAR) return fontFiles().get(name);
  // The package names its whole-font file "latin"; weight 500 is the font's Regular.
  kai ??= woffToSfnt(readFileSync(fontPath(KAI, 'files', 'lxgw-wenkai-latin-500-normal.woff')));
  return kai;
}
const SERIF = '@expo-google-fonts/noto-serif-sc';
const SANS = '@expo-google-fonts/noto-sans-sc';
const KAI = '@fontsource/lxgw-wenkai';

interface Glyph {
  advanceWidth: number;
  path: { toSVG(): string };
}
export interface OutlineFont {
  unitsPerEm: number;
  layout(text: string): { glyphs: Glyph[]; advanceWidth: number };
}

// fontkit ships no types.
const fontkit = pdfkitFontkit<{ create(bytes: Buffer): unknown }>();

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
