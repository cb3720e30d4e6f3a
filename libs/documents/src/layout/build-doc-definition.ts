import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { Block, splitBold } from '../markup/parse-markup';
import { FONT_FAMILY } from './fonts';
import {
  BODY_LINE_HEIGHT,
  BODY_LINE_PT,
  MARGIN,
  PAGE,
  SEAL_DIAMETER,
  SEAL_RED,
  SIZE,
  TYPE_AREA_WIDTH,
  lineHeightFor,
} from './gbt9704';
import { sealSvg } from './seal';

export interface LayoutInput {
  title: string;
  /** Red 发文机关 header with 文号 (decisions, notices) vs plain title (forms, receipts). */
  letterhead: boolean;
  issuerName: string;
  /** The text along the seal's ring: the organ's own seal text. */
  sealText: string;
  number?: string;
  /** 成文日期, already formatted ("2026年11月23日"). */
  dateText: string;
  blocks: Block[];
  verifyCode: string;
  verifyUrl: string;
  info: TDocumentDefinitions['info'];
  /** Set when a delegate issued it (代办): printed above the signature, e.g. “经办人：李四（代张三）”. */
  actingAuthority?: string;
}

const INDENT = SIZE.body * 2;

export function buildDocDefinition(input: LayoutInput): TDocumentDefinitions {
  return {
    pageSize: { width: PAGE.width, height: PAGE.height },
    pageMargins: [MARGIN.left, MARGIN.top, MARGIN.right, MARGIN.bottom],
    info: input.info,
    compress: true,
    defaultStyle: {
      font: FONT_FAMILY,
      fontSize: SIZE.body,
      lineHeight: BODY_LINE_HEIGHT,
    },
    content: [...header(input), ...bodyContent(input)],
    footer: (currentPage: number) => footer(currentPage, input),
  };
}

function header(input: LayoutInput): Content[] {
  const out: Content[] = [];
  if (input.letterhead) {
    out.push({
      text: input.issuerName,
      fontSize: SIZE.title,
      bold: true,
      color: SEAL_RED,
      alignment: 'center',
      characterSpacing: 4,
      lineHeight: lineHeightFor(SIZE.title, 36),
    });
    if (input.number) out.push({ text: input.number, alignment: 'center', margin: [0, 6, 0, 0] });
    // Red separator 4 mm under the 文号 (GB/T 9704 §7.2.5).
    out.push({
      canvas: [
        { type: 'line', x1: 0, y1: 0, x2: TYPE_AREA_WIDTH, y2: 0, lineWidth: 1.5, lineColor: SEAL_RED },
      ],
      margin: [0, 11, 0, BODY_LINE_PT],
    });
  } else if (input.number) {
    out.push({ text: input.number, alignment: 'right', margin: [0, 0, 0, 8] });
  }
  out.push({
    text: input.title,
    fontSize: SIZE.title,
    bold: true,
    alignment: 'center',
    lineHeight: lineHeightFor(SIZE.title, 36),
    margin: [0, 0, 0, BODY_LINE_PT / 2],
  });
  return out;
}

/**
 * A seal must never stand alone on a page (GB/T 9704 §7.3.5), so the text block right before
 * the signature is kept on the same page as it.
 */
function bodyContent(input: LayoutInput): Content[] {
  const out: Content[] = [];
  const { blocks } = input;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    const next = blocks[i + 1];
    const keepWithSign = next?.kind === 'sign' && (block.kind === 'paragraph' || block.kind === 'line');
    if (keepWithSign) {
      out.push({ unbreakable: true, stack: [blockContent(block, input), blockContent(next, input)] });
      i++;
    } else {
      out.push(blockContent(block, input));
    }
  }
  return out;
}

function blockContent(block: Block, input: LayoutInput): Content {
  switch (block.kind) {
    case 'paragraph':
      return { text: inline(block.text), leadingIndent: INDENT, alignment: 'justify' };
    case 'heading':
      return { text: inline(block.text), bold: true, leadingIndent: INDENT };
    case 'line':
      return {
        text: inline(block.text),
        alignment: block.align,
        margin: block.align === 'right' ? [0, 0, SIZE.body * 2, 0] : 0,
      };
    case 'table':
      return tableContent(block.rows, block.header);
    case 'pageBreak':
      return { text: '', pageBreak: 'after' };
    case 'gap':
      return { text: ' ' };
    case 'sign':
      return signatureBlock(input);
  }
}

function inline(text: string) {
  return splitBold(text).flatMap((p) =>
    keepTogether(p.text).map((run) => {
      const span = run.whole ? { text: run.text, noWrap: true } : run.text;
      if (!p.bold) return span;
      return typeof span === 'string' ? { text: span, bold: true } : { ...span, bold: true };
    }),
  );
}

/**
 * What a line must never split (GB/T 9704 sets a number with its unit, and a 文号 is one token):
 * a 文号 (平民低确〔2026〕1号), and a number with its unit or its 年/月/日 ("3人", "960.00元",
 * "2026年11月23日"). pdfmake breaks CJK text between any two characters; a `noWrap` span moves
 * to the next line whole instead.
 */
const UNBREAKABLE = new RegExp(
  [
    '[\\u4e00-\\u9fa5]{0,6}〔\\d{4}〕\\d+号',
    '\\d{4}年\\d{1,2}月(?:\\d{1,2}日)?',
    '\\d{1,2}月\\d{1,2}日',
    '[\\d,]+(?:\\.\\d+)?(?:元|万元|人|户|岁|个月|个工作日|日|天|年|月|项|次|份|号|平方米|%|％|分)',
  ].join('|'),
  'g',
);

function keepTogether(text: string): { text: string; whole: boolean }[] {
  const runs: { text: string; whole: boolean }[] = [];
  let last = 0;
  for (const m of text.matchAll(UNBREAKABLE)) {
    if (m.index! > last) runs.push({ text: text.slice(last, m.index), whole: false });
    runs.push({ text: m[0], whole: true });
    last = m.index! + m[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last), whole: false });
  return runs;
}

function tableContent(rows: string[][], header: boolean): Content {
  const columns = rows[0].length;
  // Two-column tables are label/value forms: the label column shrinks to fit.
  const widths = columns === 2 ? ['auto', '*'] : proportionalWidths(rows, header);
  const style = { fontSize: SIZE.table, lineHeight: lineHeightFor(SIZE.table, 20) };
  return {
    table: {
      headerRows: header ? 1 : 0,
      widths,
      dontBreakRows: true,
      body: rows.map((row, r) =>
        row.map((cell) => {
          const isHeader = header && r === 0;
          return { text: inline(cell), bold: isHeader, alignment: isHeader ? 'center' : 'left', ...style };
        }),
      ),
    },
    layout: {
      paddingTop: () => 5,
      paddingBottom: () => 5,
      paddingLeft: () => 5,
      paddingRight: () => 5,
      hLineWidth: () => 0.75,
      vLineWidth: () => 0.75,
    },
    margin: [0, 4, 0, 10],
  } as Content;
}

const CELL_PADDING_X = 10;
const RULE = 0.75;

/**
 * pdfmake's '*' columns split the width evenly and let long unbreakable cells (masked ID
 * numbers) overflow the page, so widths follow the content instead; columns with blank body
 * cells are signature spaces and get room to sign.
 */
function proportionalWidths(rows: string[][], header: boolean): number[] {
  const columns = rows[0].length;
  const available = TYPE_AREA_WIDTH - columns * (CELL_PADDING_X + RULE) - RULE;
  const body = header ? rows.slice(1) : rows;
  // Each column first gets room for its longest unbreakable content — an amount, a code, a name,
  // a header word — so a name is never split ("李桂|英") nor a header ("与申请人关|系"); the rest
  // is shared by content.
  const wanted = Array.from({ length: columns }, (_, c) =>
    Math.max(
      SIZE.table * 2,
      ...rows.map((r) => Math.max(longestUnbreakable(r[c], SIZE.table), longestWord(r[c], SIZE.table))),
    ),
  );
  // Only a table too wide for any layout gives up whole words, all columns in proportion.
  const wantedTotal = wanted.reduce((a, b) => a + b, 0);
  const minimum = wantedTotal > available ? wanted.map((w) => (w * available) / wantedTotal) : wanted;
  const weights = Array.from({ length: columns }, (_, c) => {
    const content = Math.max(...rows.map((r) => approxWidth(r[c], SIZE.table)));
    const signatureSpace = body.some((r) => r[c].trim() === '') ? SIZE.table * 6 : 0;
    return Math.max(content, signatureSpace, minimum[c]) - minimum[c];
  });
  const spare = Math.max(0, available - minimum.reduce((a, b) => a + b, 0));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  return minimum.map((m, c) => Math.floor((m + (weights[c] / total) * spare) * 100) / 100);
}

/**
 * Width of the longest run pdfmake will not break: ASCII letters and digits, and what
 * `keepTogether` joins (a number with its unit, a date, a 文号).
 */
function longestUnbreakable(text: string, size: number): number {
  const runs = [
    ...(text.match(/[\x21-\x7e]+/g) ?? []),
    ...keepTogether(text)
      .filter((r) => r.whole)
      .map((r) => r.text),
  ];
  return Math.max(0, ...runs.map((run) => approxWidth(run, size) + 2));
}

/**
 * Longest word a cell holds: words are split at spaces and 、，；：, and before an opening
 * bracket ("本人签字" / "（手印）" may take two lines, "手|印" may not); a short one is kept whole.
 */
const WORD_BREAK = /[\s、，；：,;]+|(?=[（(])/;
const LONGEST_WHOLE_WORD = 8;
function longestWord(text: string, size: number): number {
  const words = text.split(WORD_BREAK).filter((w) => w && [...w].length <= LONGEST_WHOLE_WORD);
  return Math.max(0, ...words.map((w) => approxWidth(w, size) + 2));
}

/** Rough advance width: CJK full-width, ASCII about half, used only to size the signature column. */
function approxWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += /[\x20-\x7e]/.test(ch) ? size * 0.55 : size;
  return w;
}

/**
 * 署名 centred over the 成文日期, the date 右空四字, and the seal pressed down over both
 * (GB/T 9704 §7.3.5); unbreakable so the seal is never left alone on a page.
 */
function signatureBlock(input: LayoutInput): Content {
  const columnWidth =
    Math.max(approxWidth(input.issuerName, SIZE.body), approxWidth(input.dateText, SIZE.body)) + 8;
  const rightGap = SIZE.body * 4;
  const seal: Content = {
    svg: sealSvg(input.sealText),
    width: SEAL_DIAMETER,
    height: SEAL_DIAMETER,
    font: FONT_FAMILY,
    // The seal node follows the two text lines; pull it up so its centre sits just above the
    // boundary between 署名 and 日期, i.e. both lines fall in its centre-lower part.
    relativePosition: {
      x: (columnWidth - SEAL_DIAMETER) / 2,
      y: -BODY_LINE_PT * 2 + BODY_LINE_PT * 0.9 - SEAL_DIAMETER / 2,
    },
  } as Content;
  const block = {
    unbreakable: true,
    margin: [0, BODY_LINE_PT * 1.5, 0, BODY_LINE_PT],
    columns: [
      { width: '*', text: '' },
      {
        width: columnWidth,
        stack: [
          { text: input.issuerName, alignment: 'center' },
          { text: input.dateText, alignment: 'center' },
          seal,
        ],
      },
      { width: rightGap, text: '' },
    ],
  } as Content;
  if (!input.actingAuthority) return block;
  return {
    unbreakable: true,
    stack: [{ text: `经办人：${input.actingAuthority}`, margin: [0, BODY_LINE_PT, 0, 0] }, block],
  } as Content;
}

/**
 * Page number "— n —" in 4号, 7 mm under the type area, odd pages right / even pages left,
 * one character in (GB/T 9704 §7.5); the verification QR sits on the opposite side.
 */
function footer(page: number, input: LayoutInput): Content {
  // A fixed width: pdfmake under-measures 'auto' next to a '*' column and wraps the number.
  const pageNumber = {
    width: SIZE.pageNumber * 5,
    text: `— ${page} —`,
    noWrap: true,
    alignment: page % 2 === 1 ? 'right' : 'left',
    fontSize: SIZE.pageNumber,
    lineHeight: 1,
    margin: [0, 4, 0, 0],
  } as Content;
  const verify: Content = {
    width: '*',
    columns: [
      { width: 40, qr: input.verifyUrl, fit: 40, eccLevel: 'M', foreground: '#000000' } as Content,
      {
        width: '*',
        text: `验证码：${input.verifyCode}  查验：${input.verifyUrl}`,
        fontSize: SIZE.footer,
        lineHeight: 1.1,
        margin: [4, 12, 0, 0],
      },
    ],
    columnGap: 2,
  } as Content;
  const spacer = (w: number) => ({ width: w, text: '' }) as Content;
  const oneChar = SIZE.pageNumber;
  const columns: Content[] =
    page % 2 === 1
      ? [verify, spacer(SIZE.body), pageNumber, spacer(oneChar)]
      : [spacer(oneChar), pageNumber, spacer(SIZE.body), verify];
  return { margin: [MARGIN.left, 16, MARGIN.right, 0], columns } as Content;
}
