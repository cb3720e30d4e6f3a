/** GB/T 9704-2012 page geometry and type sizes (LEGAL.md §4), in PDF points. */
export const mm = (v: number): number => (v * 72) / 25.4;

export const PAGE = { width: mm(210), height: mm(297) };
export const MARGIN = { top: mm(37), left: mm(28), right: mm(26), bottom: mm(35) };
export const TYPE_AREA_WIDTH = PAGE.width - MARGIN.left - MARGIN.right; // 156 mm

/** 号 sizes: 2号 22 pt, 3号 16 pt, 4号 14 pt. */
export const SIZE = { title: 22, body: 16, pageNumber: 14, table: 14, footer: 8 };

/**
 * Noto Serif SC's natural line is (1151 + 286) / 1000 em; GB/T 9704's 22-line grid needs about
 * 28 pt per 3号 line, so pdfmake's line-height multiplier is scaled to land on 28 pt.
 */
const NOTO_LINE_EM = 1.437;
export const lineHeightFor = (fontSize: number, targetPt: number): number =>
  targetPt / (fontSize * NOTO_LINE_EM);
export const BODY_LINE_PT = 28;
export const BODY_LINE_HEIGHT = lineHeightFor(SIZE.body, BODY_LINE_PT);
/*
 * The standard's 28 characters per line relies on compressed tracking; pdfmake measures each
 * CJK glyph as its own word, so negative character spacing cannot pull a 28th glyph in.
 * At true 3号 (16 pt) the 156 mm line therefore holds 27 glyphs.
 */

/** Red of seals and the 发文机关标志. */
export const SEAL_RED = '#D8140C';
/** 4.2 cm is the common diameter of an agency's official seal. */
export const SEAL_DIAMETER = mm(42);
