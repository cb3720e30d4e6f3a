/** GB/T 9704-2012 page geometry and type sizes (LEGAL.md §4), in PDF points. */
export const mm = (v: number): number => (v * 72) / 25.4;

export const PAGE = { width: mm(210), height: mm(297) };
export const MARGIN = { top: mm(37), left: mm(28), right: mm(26), bottom: mm(35) };
export const TYPE_AREA_WIDTH = PAGE.width - MARGIN.left - MARGIN.right; // 156 mm

/**
 * 号 sizes: 2号 22 pt, 3号 16 pt, 4号 14 pt. GB/T 9704 §5.2.2 asks for 28 characters of 3号 on
 * the 156 mm line, but 28 × 16 pt is 158 mm: type-setters close the tracking to fit. pdfmake
 * places each CJK glyph at its own measured advance, so negative tracking cannot pull a 28th
 * glyph in; the body is set at 15.75 pt instead (1.6 % smaller, within the standard's
 * "特定情况可以作适当调整"), which is exactly 28 glyphs per line.
 */
export const SIZE = {
  title: 22,
  /** The 发文机关标志 must stand out above the title (GB/T 9704 §7.2.4). */
  issuerMark: 30,
  body: 15.75,
  pageNumber: 14,
  table: 14,
  /** 版记 (抄送, 印发机关) in 4号. */
  record: 14,
  footer: 8,
};

/** Characters of body text on one line (GB/T 9704 §5.2.2). */
export const CHARS_PER_LINE = 28;
/** Lines of body text on one page. */
export const LINES_PER_PAGE = 22;

/**
 * Noto Serif SC's natural line is (1151 + 286) / 1000 em (Noto Sans SC's is 1.448 em); the
 * line-height multiplier is scaled so a line lands on the grid pitch.
 */
export const NOTO_LINE_EM = 1.437;
export const lineHeightFor = (fontSize: number, targetPt: number, lineEm = NOTO_LINE_EM): number =>
  targetPt / (fontSize * lineEm);
export const SANS_LINE_EM = 1.448;
/** LXGW WenKai's natural line: (928 + 256) / 1000 em. */
export const KAI_LINE_EM = 1.184;
/** 22 lines fill the 225 mm type area: 28.95 pt per line (Word's "固定值 28.95 磅"). */
export const BODY_LINE_PT = 28.95;
export const BODY_LINE_HEIGHT = lineHeightFor(SIZE.body, BODY_LINE_PT);
/**
 * The closest §7.3.5's 调整行距 may set the body: 1.5 em, half a character of blank between two
 * lines of ideographs, the least that Chinese and Japanese layout practice (clreq, JLREQ: a line
 * gap of 50–100 % of the character size) allows for running text; 27 lines on the 225 mm type area.
 */
export const MIN_LINE_PT = 1.5 * SIZE.body;

/** Red of seals and the 发文机关标志. */
export const SEAL_RED = '#D8140C';
/** 4.2 cm is the common diameter of an agency's official seal. */
export const SEAL_DIAMETER = mm(42);
