import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const FONT_FAMILY = 'NotoSerifSC';

/*
 * Font entries are named by the TTF's PostScript name: pdfkit caches a font loaded from a
 * buffer under that name, so the seal's SVG text (which asks pdfkit for the font by the same
 * string) reuses the already-parsed font instead of reading the 15 MB file from disk.
 */
const REGULAR = 'NotoSerifSC-Regular';
const BOLD = 'NotoSerifSC-Bold';

/** Resolved from the npm package so the font is a pinned dependency, not a system font. */
function fontPath(weightDir: string, file: string): string {
  const pkg = dirname(require.resolve('@expo-google-fonts/noto-serif-sc/package.json'));
  return join(pkg, weightDir, file);
}

export function fontDescriptors(): Record<string, Record<string, string>> {
  return { [FONT_FAMILY]: { normal: REGULAR, bold: BOLD, italics: REGULAR, bolditalics: BOLD } };
}

let cache: Map<string, Buffer> | undefined;

/** Font bytes, read once per process (each TTF is about 15 MB). */
export function fontFiles(): Map<string, Buffer> {
  cache ??= new Map([
    [REGULAR, readFileSync(fontPath('400Regular', 'NotoSerifSC_400Regular.ttf'))],
    [BOLD, readFileSync(fontPath('700Bold', 'NotoSerifSC_700Bold.ttf'))],
  ]);
  return cache;
}
