import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { Block, CC_PREFIX, splitBold } from '../markup/parse-markup';
import { FONT_FAMILY, HEITI_FAMILY, KAITI_FAMILY, textWidth } from './fonts';
import {
  BODY_LINE_PT,
  MARGIN,
  PAGE,
  SEAL_DIAMETER,
  SANS_LINE_EM,
  KAI_LINE_EM,
  SEAL_RED,
  SIZE,
  TYPE_AREA_WIDTH,
  NOTO_LINE_EM,
  MIN_LINE_PT,
  lineHeightFor,
  mm,
} from './gbt9704';
import { sealSvg } from './seal';
import { titleLines } from './title-lines';

export interface LayoutInput {
  title: string;
  /** Red 发文机关 header with 文号 (decisions, notices) vs plain title (forms, receipts). */
  letterhead: boolean;
  /**
   * 信函格式 (GB/T 9704 §10.1) instead of the 文件格式 letterhead: for notices and decisions served
   * on one applicant or household. Only meaningful with `letterhead`.
   */
  letter?: boolean;
  issuerName: string;
  /** The text along the seal's ring: the organ's own seal text. */
  sealText: string;
  /** The organ's own seal image (a data: URL of a PNG), drawn instead of the generated seal. */
  sealImage?: string;
  number?: string;
  /** 成文日期, already formatted ("2026年11月23日"). */
  dateText: string;
  blocks: Block[];
  /** Extra space above the 版记, so that it closes the last page (GB/T 9704 §7.4). */
  recordDrop?: number;
  verifyCode: string;
  verifyUrl: string;
  info: TDocumentDefinitions['info'];
  /** Set when a delegate issued it (代办): printed above the signature, e.g. “经办人：李四（代张三）”. */
  actingAuthority?: string;
  /** Where the fitting loop moved blocks to keep lines together (widows, orphans, headings). */
  flow?: Flow;
}

/**
 * Page-flow corrections found by laying the document out: blocks (by index) that start a new
 * page, and paragraphs cut after a given number of characters so their last lines go over
 * together.
 */
export interface Flow {
  breakBefore: number[];
  splitAt: Record<number, number>;
  /** The closing table's last row went over with the closing lines: it repeats the header. */
  headerOver?: boolean;
}

/** Node id of body block `i`, so the fitting loop can see where its lines land. */
export const blockId = (i: number): string => `block-${i}`;
/** Node id of the part of paragraph `i` that a split carries to the next page. */
export const blockTailId = (i: number): string => `block-${i}-rest`;
/** Node id of the (empty) marker where paragraph `i` ends. */
export const blockEndId = (i: number): string => `block-${i}-end`;
export const BLOCK_ID_PREFIX = 'block-';
/** Node ids of the last row of table `i` and of the row before it. */
export const lastRowId = (i: number): string => `block-${i}-last-row`;
export const rowBeforeLastId = (i: number): string => `block-${i}-row-before-last`;
/** A zero-size mark whose position tells where the text before it ends. */
const marker = (id: string): Content =>
  ({ id, canvas: [{ type: 'rect', x: 0, y: 0, w: 0, h: 0, color: '#ffffff' }] }) as Content;

/**
 * How tightly the page is set: 0 is the GB/T 9704 grid; each step closes the line pitch and
 * the table padding a little, as §7.3.5 allows so the seal and the last lines share a page.
 */
export interface Density {
  linePt: number;
  cellPadding: number;
  /** Line pitch of 4号 text in tables and a form's note. */
  smallLinePt: number;
}
export const DENSITIES: readonly Density[] = [
  { linePt: BODY_LINE_PT, cellPadding: 5, smallLinePt: 20 },
  { linePt: 27.5, cellPadding: 4, smallLinePt: 19.5 },
  { linePt: 26, cellPadding: 3, smallLinePt: 19 },
  { linePt: 24.5, cellPadding: 2, smallLinePt: 18 },
  // The floor (docs/documents.md, “行距的下限”): half a character of blank between two lines.
  { linePt: MIN_LINE_PT, cellPadding: 1.5, smallLinePt: 17 },
];

/** The node id of the block that closes a document: the last lines, the seal, what follows. */
export const TAIL_ID = 'document-tail';
/** A 版记 line (`::cc`) in the blocks. */
export const hasRecord = (blocks: Block[]): boolean =>
  blocks.some((b) => b.kind === 'line' && b.text.startsWith(CC_PREFIX));

/** The node id of the (empty) marker where the document's text ends. */
export const END_ID = 'document-end';
/** The node id of the title, for layout checks. */
export const TITLE_ID = 'document-title';
/** The node id of the red separator under the 文号. */
export const RULE_ID = 'document-rule';

const indentFor = (size: number) => size * 2;
/** Title lines hold this many 2号 characters on the type area. */
export const TITLE_CHARS_PER_LINE = Math.floor(TYPE_AREA_WIDTH / SIZE.title);

/**
 * @param keepBefore how many more blocks before the closing lines join the tail, so a last page
 *   that cannot be saved still carries more than a line or two above the seal (widow control).
 */
export function buildDocDefinition(
  input: LayoutInput,
  density: Density = DENSITIES[0],
  keepBefore = 0,
): TDocumentDefinitions {
  return {
    pageSize: { width: PAGE.width, height: PAGE.height },
    pageMargins: [MARGIN.left, MARGIN.top, MARGIN.right, MARGIN.bottom],
    info: input.info,
    compress: true,
    defaultStyle: {
      font: FONT_FAMILY,
      fontSize: SIZE.body,
      lineHeight: lineHeightFor(SIZE.body, density.linePt),
    },
    // A zero-size marker after the last block tells the fitting loop where the text ends.
    content: [
      ...header(input, density),
      ...bodyContent(input, density, keepBefore),
      { id: END_ID, canvas: [{ type: 'rect', x: 0, y: 0, w: 0, h: 0, color: '#ffffff' }] } as Content,
    ],
    footer: (currentPage: number) => footer(currentPage, input),
    ...(isLetter(input)
      ? { background: (page: number) => (page === 1 ? letterFurniture(input) : null) }
      : {}),
  };
}

const isLetter = (input: LayoutInput): boolean => input.letterhead && input.letter === true;

/** The 发文机关标志 is set larger than the title, narrowed only when a long name needs it. */
const MARK_SPACING = 4;
function markSizeFor(issuerName: string): number {
  const chars = Array.from(issuerName).length;
  return Math.min(SIZE.issuerMark, Math.floor(TYPE_AREA_WIDTH / chars) - MARK_SPACING);
}

/** 信函格式 (GB/T 9704 §10.1): the 标志's upper edge 30 mm from the top of the sheet. */
const LETTER_MARK_TOP = mm(30);
/** The double lines are 170 mm long, centred on the sheet. */
const LETTER_RULE_LENGTH = mm(170);
const LETTER_RULE = { thick: 2, thin: 0.75, gap: 1.5 };
const LETTER_RULE_HEIGHT = LETTER_RULE.thick + LETTER_RULE.gap + LETTER_RULE.thin;
/** The lower double line lies 20 mm above the bottom edge of the sheet. */
const LETTER_FOOT_RULE_BOTTOM = PAGE.height - mm(20);
/** The upper double line lies 4 mm under the 标志's lower edge. */
const letterRuleTop = (markSize: number) => LETTER_MARK_TOP + markSize + mm(4);

/**
 * A red double line: thick over thin (上粗下细) under the 标志, thin over thick (上细下粗) at the
 * foot; `top` is the upper edge of the pair.
 */
function doubleLine(top: number, thickFirst: boolean): Content {
  const { thick, thin, gap } = LETTER_RULE;
  const [first, second] = thickFirst ? [thick, thin] : [thin, thick];
  const line = (y: number, width: number) => ({
    type: 'line',
    x1: 0,
    y1: y,
    x2: LETTER_RULE_LENGTH,
    y2: y,
    lineWidth: width,
    lineColor: SEAL_RED,
  });
  return {
    canvas: [line(first / 2, first), line(first + gap + second / 2, second)],
    absolutePosition: { x: (PAGE.width - LETTER_RULE_LENGTH) / 2, y: top },
  } as Content;
}

/** What 信函格式 prints on the first page outside the text flow: the 标志 and both double lines. */
function letterFurniture(input: LayoutInput): Content {
  const markSize = markSizeFor(input.issuerName);
  return {
    stack: [
      {
        // A background node is as wide as the sheet right of its x (margins do not narrow it):
        // a column as wide as the type area holds the 标志, centred as the title is.
        absolutePosition: { x: MARGIN.left, y: LETTER_MARK_TOP - glyphTop(markSize) },
        columns: [
          {
            width: TYPE_AREA_WIDTH,
            text: input.issuerName,
            fontSize: markSize,
            bold: true,
            color: SEAL_RED,
            alignment: 'center',
            characterSpacing: MARK_SPACING,
            noWrap: true,
            lineHeight: 1,
          },
        ],
      },
      doubleLine(letterRuleTop(markSize), true),
      doubleLine(LETTER_FOOT_RULE_BOTTOM - LETTER_RULE_HEIGHT, false),
    ],
  } as Content;
}

/**
 * The 版头's "二行" are lines of the body as set: when §7.3.5 closes the pitch to keep the seal
 * with the text, the blank lines above the title close with it. The measures in millimetres
 * (35 mm, 30 mm, 4 mm) stay.
 */
function header(input: LayoutInput, density: Density): Content[] {
  const out: Content[] = [];
  const line = density.linePt;
  if (isLetter(input)) {
    // The 发文字号 on the first line under the double line, at the type area's right edge; its
    // glyphs sit where a grid line's would, half the leading below the line.
    const ruleBottom = letterRuleTop(markSizeFor(input.issuerName)) + LETTER_RULE_HEIGHT;
    const numberGlyphTop = ruleBottom + (line - SIZE.body) / 2;
    out.push({
      text: input.number ?? ' ',
      alignment: 'right',
      noWrap: true,
      // The title two lines below the 文号 (§10.1 "与其上最后一个要素相距二行").
      margin: [
        0,
        numberGlyphTop - glyphTop(SIZE.body) - MARGIN.top,
        0,
        2 * line - (line - glyphBottom(SIZE.body)) - TITLE_GLYPH_TOP,
      ],
    });
  } else if (input.letterhead) {
    const spacing = MARK_SPACING;
    const markSize = markSizeFor(input.issuerName);
    const markLine = markSize * NOTO_LINE_EM;
    const numberLine = line;
    out.push({
      text: input.issuerName,
      fontSize: markSize,
      bold: true,
      color: SEAL_RED,
      alignment: 'center',
      characterSpacing: spacing,
      noWrap: true,
      lineHeight: 1,
      // Its upper edge 35 mm below the type area's (GB/T 9704 §7.2.4).
      margin: [0, MARK_TOP - glyphTop(markSize), 0, 0],
    });
    // The 文号 下空二行 (§7.2.5): two blank grid lines between the mark and the 文号. An
    // unnumbered draft keeps the place, so the title stands where the issued document has it.
    out.push({
      text: input.number ?? ' ',
      alignment: 'center',
      margin: [0, 2 * line - (markLine - glyphBottom(markSize)) - glyphTop(SIZE.body), 0, 0],
    });
    // The red separator 4 mm under the 文号 (§7.2.7); the title two lines below it (§7.3.1).
    out.push({
      id: RULE_ID,
      canvas: [
        { type: 'line', x1: 0, y1: 0, x2: TYPE_AREA_WIDTH, y2: 0, lineWidth: 1.5, lineColor: SEAL_RED },
      ],
      margin: [0, RULE_BELOW_NUMBER - (numberLine - glyphBottom(SIZE.body)), 0, 2 * line - TITLE_GLYPH_TOP],
    } as Content);
  } else if (input.number) {
    out.push({ text: input.number, alignment: 'right', margin: [0, 0, 0, 8] });
  }
  out.push({
    id: TITLE_ID,
    text: titleLines(input.title, TITLE_CHARS_PER_LINE).join('\n'),
    fontSize: SIZE.title,
    bold: true,
    alignment: 'center',
    lineHeight: lineHeightFor(SIZE.title, Math.max(TITLE_MIN_LINE_PT, (TITLE_LINE_PT * line) / BODY_LINE_PT)),
    margin: [0, 0, 0, line / 2],
  } as Content);
  return out;
}

/** A title line on the grid; a title of two lines keeps at least 1.3 em between its lines. */
const TITLE_LINE_PT = 36;
const TITLE_MIN_LINE_PT = SIZE.title * 1.3;

/** Ideographs' em box rises this far above the baseline (Noto CJK: 880 of 1000 units). */
export const GLYPH_TOP_EM = 0.88;
/** Noto Serif SC's ascender: pdfmake sets it at the top of a line box. */
const ASCENDER_EM = 1.151;
/** Distance from the top of a line box to the top of its ideographs' em box. */
const glyphTop = (size: number) => size * (ASCENDER_EM - GLYPH_TOP_EM);
/** Distance from the top of a line box to the bottom of its ideographs' em box. */
const glyphBottom = (size: number) => size * (ASCENDER_EM + 1 - GLYPH_TOP_EM);

/** GB/T 9704 §7.2.4: the 发文机关标志's upper edge lies 35 mm below the type area's. */
const MARK_TOP = mm(35);
/** GB/T 9704 §7.2.7: the red separator lies 4 mm under the 发文字号. */
const RULE_BELOW_NUMBER = mm(4);

/** From the top of the title's line box to the top of its glyphs. */
export const TITLE_GLYPH_TOP = glyphTop(SIZE.title);

/**
 * Index of the first block of the unbreakable closing tail (see bodyContent), or undefined when
 * the document has none.
 */
export function tailStart(blocks: Block[], keepBefore: number): number | undefined {
  const sign = blocks.findIndex((b) => b.kind === 'sign');
  if (sign < 0) return signedTableTail(blocks, keepBefore);
  // A table after the seal may be long; only short closing material joins the tail.
  if (blocks.slice(sign).some((b) => b.kind === 'table' || b.kind === 'pageBreak')) return undefined;
  let start = sign;
  while (start > 0 && blocks[start - 1].kind === 'line') start--;
  // The row the officers sign right above the seal (经办人 | 审核人 | 负责人) goes with it, and
  // so does the paragraph it signs.
  const before = blocks[start - 1];
  if (start === sign && isSigningTable(before) && before.rows.length <= SHORT_SIGNING_ROWS) start--;
  if (start > 0 && blocks[start - 1].kind === 'paragraph' && blocks[start].kind !== 'line') start--;
  // A heading just before the tail goes with it rather than ending a page.
  if (start > 0 && blocks[start - 1].kind === 'heading') start--;
  for (let k = 0; k < keepBefore && start > 0 && blocks[start - 1].kind === 'paragraph'; k++) start--;
  return start;
}

/** A signing table this short (its header and two rows) is part of the closing lines. */
const SHORT_SIGNING_ROWS = 3;

type TableBlock = Extract<Block, { kind: 'table' }>;
/** A list the people named in it sign, in a column headed for a signature (本人签字（手印）). */
const isSigningTable = (b: Block | undefined): b is TableBlock =>
  b?.kind === 'table' && b.header && b.rows[0].some((h) => SIGNED.test(h));

/**
 * A form without a seal that closes with a signing table, followed by nothing but single lines
 * (注, 申请人（签字）, the date): the table's index.
 */
function closingTable(blocks: Block[]): number | undefined {
  if (blocks.some((b) => b.kind === 'sign')) return undefined;
  let i = blocks.length - 1;
  while (i >= 0 && (blocks[i].kind === 'line' || blocks[i].kind === 'gap')) i--;
  return isSigningTable(blocks[i]) ? i : undefined;
}

/**
 * The closing table of a list signed by its members (the 授权书) is split before its last row
 * when lines follow it: that row goes with the closing lines, so the applicant's signature never
 * starts a page of its own.
 */
export function splitsClosingTable(blocks: Block[]): number | undefined {
  const t = closingTable(blocks);
  if (t === undefined || t === blocks.length - 1) return undefined;
  return (blocks[t] as TableBlock).rows.length > 2 ? t : undefined;
}

/**
 * The signatures of a form without a seal: the closing table's last row and the lines after it;
 * or, when the parties' signing table ends the form (an agreement, a 委托书), the whole table
 * with the clause before it, so nobody signs on a page that holds none of the text.
 */
function signedTableTail(blocks: Block[], keepBefore: number): number | undefined {
  const t = closingTable(blocks);
  if (t === undefined) return undefined;
  if (splitsClosingTable(blocks) === t) return t;
  if (t < blocks.length - 1) return undefined;
  let start = t;
  while (start > 0 && blocks[start - 1].kind === 'gap') start--;
  if (start > 0 && blocks[start - 1].kind === 'paragraph') start--;
  if (start > 0 && blocks[start - 1].kind === 'heading') start--;
  for (let k = 0; k < keepBefore && start > 0 && blocks[start - 1].kind === 'paragraph'; k++) start--;
  return start;
}

/**
 * A seal must never stand alone on a page, nor with a line or two (GB/T 9704 §7.3.5): the lines
 * right before the signature (the paragraph, or the run of single lines such as 经办人 and
 * 分管负责人), the signature and everything after it (联系地址, a 说明, the 版记) form one
 * unbreakable tail.
 */
function bodyContent(input: LayoutInput, density: Density, keepBefore: number): Content[] {
  const { blocks } = input;
  const flowed = (b: Block, index: number, content: Content): Content => {
    const node = content as object;
    const flow = input.flow;
    const breakBefore = flow?.breakBefore.includes(index) ? { pageBreak: 'before' } : {};
    if (b.kind === 'table') {
      // A table is seen where its first body row lands: a header row is drawn again on each
      // page the table runs onto, and pdfmake reports it where it was last drawn.
      const { table } = node as { table: { body: object[][]; headerRows?: number } };
      const first = Math.min(table.headerRows ?? 0, table.body.length - 1);
      // Its last two rows are seen too, so a last row left alone on a page is found.
      const last = table.body.length - 1;
      const ids: Record<number, string> =
        last - 1 > first
          ? { [first]: blockId(index), [last - 1]: rowBeforeLastId(index), [last]: lastRowId(index) }
          : { [first]: blockId(index) };
      const body = table.body.map((row, r) =>
        ids[r] === undefined ? row : row.map((c, k) => (k ? c : { ...c, id: ids[r] })),
      );
      return { ...node, table: { ...table, body }, ...breakBefore } as Content;
    }
    if (b.kind === 'heading') return { ...node, id: blockId(index), ...breakBefore } as Content;
    // Paragraphs and single lines may run over several lines; a 版记 line never splits.
    if ((b.kind !== 'paragraph' && b.kind !== 'line') || b.text.startsWith(CC_PREFIX)) return content;
    const cut = flow?.splitAt[index];
    if (cut === undefined)
      return {
        stack: [{ ...node, id: blockId(index) }, marker(blockEndId(index))],
        ...breakBefore,
      } as Content;
    // The paragraph's last lines go over as a run of their own, with no indent, in the same face.
    const [headText, restText] = splitParagraph(b.text, cut);
    const head = blockContent({ ...b, text: headText }, input, density) as object;
    const rest = blockContent({ ...b, text: restText }, input, density) as object;
    return {
      stack: [
        { ...head, id: blockId(index) },
        { ...rest, id: blockTailId(index), leadingIndent: 0, pageBreak: 'before' },
        marker(blockEndId(index)),
      ],
      ...breakBefore,
    } as Content;
  };
  const content = (b: Block, i = 0, all: Block[] = []) =>
    flowed(
      b,
      blocks.indexOf(b),
      blockContent(
        b,
        input,
        density,
        all.slice(0, i).some((x) => x.kind === 'sign'),
        i === all.length - 1,
      ),
    );
  const start = tailStart(blocks, keepBefore);
  if (start === undefined) return blocks.map(content);
  const split = splitsClosingTable(blocks);
  if (split !== undefined && split === start) {
    // The table up to its last row, then the last row joined to it (its upper rule on the
    // table's lower one) with the closing lines.
    const { rows, header } = blocks[split] as TableBlock;
    const last = rows.length - 1;
    const head = tableContent(rows, header, density, { from: 1, to: last, joinBelow: true });
    const lastRow = tableContent(rows, header, density, {
      from: last,
      to: last + 1,
      joinAbove: !input.flow?.headerOver,
    });
    return [
      ...blocks.slice(0, split).map(content),
      flowed(blocks[split], split, head),
      marker(blockEndId(split)),
      {
        id: TAIL_ID,
        unbreakable: true,
        stack: [lastRow, ...blocks.slice(split + 1).map(content)],
      } as Content,
    ];
  }
  const tailBlocks = blocks.slice(start);
  return [
    ...blocks.slice(0, start).map(content),
    { id: TAIL_ID, unbreakable: true, stack: tailBlocks.map(content) } as Content,
  ];
}

/** Cuts paragraph markup after `cut` characters; a bold span cut in two stays bold on both sides. */
export function splitParagraph(text: string, cut: number): [string, string] {
  const head = text.slice(0, cut);
  const rest = text.slice(cut);
  const openBold = (head.match(/(?<!\*)\*\*(?!\*)/g) ?? []).length % 2 === 1;
  return openBold ? [`${head}**`, `**${rest}`] : [head, rest];
}

function blockContent(
  block: Block,
  input: LayoutInput,
  density: Density,
  afterSign = false,
  last = false,
): Content {
  switch (block.kind) {
    case 'paragraph':
      return {
        text: inline(block.text, false, true),
        leadingIndent: indentFor(SIZE.body),
        alignment: 'justify',
      };
    case 'heading':
      // 一级标题 in 黑体, 二级标题 in 楷体 (see fonts.ts).
      return block.level === 1
        ? {
            text: inline(block.text),
            font: HEITI_FAMILY,
            lineHeight: lineHeightFor(SIZE.body, density.linePt, SANS_LINE_EM),
            leadingIndent: indentFor(SIZE.body),
          }
        : {
            text: inline(block.text),
            font: KAITI_FAMILY,
            lineHeight: lineHeightFor(SIZE.body, density.linePt, KAI_LINE_EM),
            leadingIndent: indentFor(SIZE.body),
          };
    case 'line':
      if (afterSign && block.text.startsWith(CC_PREFIX))
        return recordBlock(block.text.slice(CC_PREFIX.length), input, density);
      // A form's printed note is set like its table, in 4号.
      if (!input.letterhead && FORM_NOTE.test(block.text))
        return {
          text: inline(block.text),
          fontSize: SIZE.table,
          lineHeight: lineHeightFor(SIZE.table, density.smallLinePt),
        };
      return {
        text: inline(block.text, false, block.align !== 'right'),
        alignment: block.align,
        margin: block.align === 'right' ? [0, 0, SIZE.body * 2, 0] : 0,
      };
    case 'table':
      return tableContent(block.rows, block.header, density);
    case 'pageBreak':
      return { text: '', pageBreak: 'after' };
    case 'gap':
      return { text: ' ' };
    case 'sign':
      return signatureBlock(input, density, last);
  }
}

/**
 * @param closing the text ends a paragraph: its last line never holds a single character and
 *   its punctuation (孤字).
 */
function inline(text: string, cell = false, closing = false) {
  const parts = splitBold(text);
  return parts.flatMap((p, k) => {
    const runs = keepTogether(p.text, cell);
    return (closing && k === parts.length - 1 ? closeTogether(runs) : runs).map((run) => {
      const span = run.whole ? { text: run.text, noWrap: true } : run.text;
      if (!p.bold) return span;
      return typeof span === 'string' ? { text: span, bold: true } : { ...span, bold: true };
    });
  });
}

/** Two ideographs and the punctuation that closes a paragraph. */
const CLOSING_CHARS = /[\u4e00-\u9fa5]{2}[。；，：！？）」”]{1,2}$/u;

/**
 * The paragraph's last two characters go to a new line together with its closing punctuation:
 * pdfmake never starts a line with "。", so left alone it carries one character over with it.
 * The line before is then a character short and justified a little wider.
 */
function closeTogether(runs: { text: string; whole: boolean }[]): { text: string; whole: boolean }[] {
  const last = runs[runs.length - 1];
  const match = last && !last.whole ? CLOSING_CHARS.exec(last.text) : null;
  if (!match || match.index === 0) return runs;
  return [
    ...runs.slice(0, -1),
    { text: last.text.slice(0, match.index), whole: false },
    { text: match[0], whole: true },
  ];
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
    // A range ("41–50岁") goes with its unit too, and 周岁 is one unit ("未满16周岁").
    '[\\d,]+(?:\\.\\d+)?(?:[–—~～-][\\d,]+(?:\\.\\d+)?)?(?:元|万元|人|户|周岁|岁|个月|个工作日|日|天|年|月|项|次|份|号|平方米|%|％|分)',
  ].join('|'),
  'g',
);

/**
 * In a table cell a short bracketed word stays whole too ("本人签字" / "（手印）", never
 * "（手|印）"); in running text it would leave a justified line spread wide.
 */
const UNBREAKABLE_IN_CELL = new RegExp(`${UNBREAKABLE.source}|（[^（）]{1,4}）`, 'g');

function keepTogether(text: string, cell = false): { text: string; whole: boolean }[] {
  const runs: { text: string; whole: boolean }[] = [];
  let last = 0;
  for (const m of text.matchAll(cell ? UNBREAKABLE_IN_CELL : UNBREAKABLE)) {
    if (m.index! > last) runs.push({ text: text.slice(last, m.index), whole: false });
    runs.push({ text: m[0], whole: true });
    last = m.index! + m[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last), whole: false });
  return runs;
}

/**
 * Part of a table: its body rows `from` to `to` (indices into all its rows), under its header
 * unless `joinAbove` sets them right under the rows before; `joinBelow` leaves no space under.
 */
interface TablePart {
  from: number;
  to: number;
  joinAbove?: boolean;
  joinBelow?: boolean;
}

function tableContent(rows: string[][], header: boolean, density: Density, part?: TablePart): Content {
  const columns = rows[0].length;
  // Two-column tables are label/value forms: the label column is as wide as its longest label,
  // so no label breaks ("户主（申请|人）"), up to a limit past which long labels wrap.
  const widths =
    columns === 2
      ? [
          Math.min(
            LABEL_MAX_CHARS * SIZE.table,
            Math.max(...rows.map((r) => approxWidth(r[0], SIZE.table))),
          ) + 2,
          '*',
        ]
      : proportionalWidths(rows, header);
  const padX = columns === 2 ? CELL_PADDING_X / 2 : (widths as ColumnWidths).padding;
  const style = { fontSize: SIZE.table, lineHeight: lineHeightFor(SIZE.table, density.smallLinePt) };
  // In a list with a header, a row is signed by hand when a column headed for a signature is
  // left blank in it (the 授权书's 本人签字（手印）).
  const signedColumns = header ? rows[0].map((h, c) => (SIGNED.test(h) ? c : -1)).filter((c) => c >= 0) : [];
  const byHand = rows.map((row, r) =>
    columns === 2 && !header
      ? writtenByHand(row[0], row[1])
      : r > 0 && signedColumns.some((c) => BLANK.test(row[c])),
  );
  // Widths and hand-written rows are those of the whole table, whichever part is set.
  const all = [...rows.keys()];
  const shown = part ? [...(header && !part.joinAbove ? [0] : []), ...all.slice(part.from, part.to)] : all;
  const withHeader = header && shown[0] === 0;
  return {
    table: {
      headerRows: withHeader ? 1 : 0,
      // A header never ends a page alone: it goes over with the first row under it.
      ...(withHeader ? { keepWithHeaderRows: 1 } : {}),
      widths,
      dontBreakRows: true,
      // pdfmake's row height leaves out the cell padding.
      heights: (k: number) => (byHand[shown[k]] ? HANDWRITTEN_ROW - 2 * density.cellPadding : 'auto'),
      body: shown
        .map((r) => [r, rows[r]] as const)
        .map(([r, row]) =>
          row.map((cell, c) => {
            const isHeader = header && r === 0;
            // A date to fill in closes the cell at its right, under the space for the signature; in
            // a row of signatures it is a column of its own, centred like them.
            if (byHand[r] && c > 0 && DATE_BLANK.test(cell))
              return columns === 2
                ? { text: DATE_TO_FILL, alignment: 'right', verticalAlignment: 'bottom', ...style }
                : { text: DATE_TO_FILL, alignment: 'center', verticalAlignment: 'middle', ...style };
            return {
              text: inline(cell, true, true),
              bold: isHeader,
              alignment: isHeader ? 'center' : 'left',
              ...(byHand[r] && columns > 2 ? { verticalAlignment: 'middle' } : {}),
              ...style,
            };
          }),
        ),
    },
    layout: {
      paddingTop: () => density.cellPadding,
      paddingBottom: () => density.cellPadding,
      paddingLeft: () => padX,
      paddingRight: () => padX,
      hLineWidth: () => 0.75,
      vLineWidth: () => 0.75,
    },
    margin: [0, part?.joinAbove ? 0 : 4, 0, part?.joinBelow ? 0 : density.cellPadding * 2],
  } as Content;
}

/** The printed note a form carries under its signature. */
const FORM_NOTE = /^(说明|注)：/;

/** A row of a form signed or filled in by hand is tall enough to write in: two lines, 15 mm. */
const HANDWRITTEN_ROW = mm(15);
/** A date left blank to fill in ("　　年　　月　　日"); cells lose their leading spaces. */
const DATE_BLANK = /^[\s\u3000]*年[\s\u3000]*月[\s\u3000]*日[\s\u3000]*$/;
const BLANK = /^[\s\u3000]*$/;
const DATE_TO_FILL = '年\u3000\u3000月\u3000\u3000日';

/**
 * A label/value row is written by hand when its label asks for a signature or seal, or its value
 * is left blank (a space, or a date to fill in).
 */
function writtenByHand(label: string, value: string): boolean {
  return SIGNED.test(label) || BLANK.test(value) || DATE_BLANK.test(value);
}
const SIGNED = /签名|签字|(盖章|手印)）?$/;

/** A form's labels up to this many characters stay on one line. */
const LABEL_MAX_CHARS = 9;

const CELL_PADDING_X = 10;
const RULE = 0.75;

/**
 * pdfmake's '*' columns split the width evenly and let long unbreakable cells (masked ID
 * numbers) overflow the page, so widths follow the content instead; columns with blank body
 * cells are signature spaces and get room to sign.
 */
function proportionalWidths(rows: string[][], header: boolean): ColumnWidths {
  // A header stays on one line when the table's width allows it ("金额（元）", never "金额" over
  // "（元）"), if need be with the cells' side padding closed a little; otherwise it may break
  // between its words or before a bracket, never inside one.
  for (const padding of [CELL_PADDING_X / 2, NARROW_PADDING_X]) {
    const widths = widthsWith(rows, header, padding, true);
    if (widths) return widths;
  }
  return widthsWith(rows, header, CELL_PADDING_X / 2, false)!;
}

/** Column widths (points) with the cells' side padding they were computed for. */
type ColumnWidths = number[] & { padding: number };
const NARROW_PADDING_X = 3;

/** Undefined when `wholeHeaders` asks for more than the type area's width. */
function widthsWith(
  rows: string[][],
  header: boolean,
  padding: number,
  wholeHeaders: boolean,
): ColumnWidths | undefined {
  const columns = rows[0].length;
  const available = TYPE_AREA_WIDTH - columns * (2 * padding + RULE) - RULE;
  const body = header ? rows.slice(1) : rows;
  // Each column first gets room for its longest unbreakable content — an amount, a code, a name,
  // a header word — so a name is never split ("李桂|英") nor a header ("与申请人关|系"); the rest
  // is shared by content.
  const wanted = Array.from({ length: columns }, (_, c) =>
    Math.max(
      SIZE.table * 2,
      ...rows.map((r, i) =>
        header && i === 0 && wholeHeaders
          ? textWidth(r[c].replace(/\*\*/g, ''), SIZE.table, true) + 2
          : Math.max(longestUnbreakable(r[c], SIZE.table), longestWord(r[c], SIZE.table)),
      ),
    ),
  );
  // Only a table too wide for any layout gives up whole words, all columns in proportion.
  const wantedTotal = wanted.reduce((a, b) => a + b, 0);
  if (wholeHeaders && wantedTotal > available) return undefined;
  const minimum = wantedTotal > available ? wanted.map((w) => (w * available) / wantedTotal) : wanted;
  const weights = Array.from({ length: columns }, (_, c) => {
    const content = Math.max(...rows.map((r) => approxWidth(r[c], SIZE.table)));
    const signatureSpace = body.some((r) => r[c].trim() === '') ? SIZE.table * 6 : 0;
    return Math.max(content, signatureSpace, minimum[c]) - minimum[c];
  });
  const spare = Math.max(0, available - minimum.reduce((a, b) => a + b, 0));
  // A table of short words only (序号 | 项目 | 能否独立完成) still fills the type area, as every
  // form's table does: its columns share the room as their words do.
  const shares = weights.some((w) => w > 0) ? weights : minimum;
  const total = shares.reduce((a, b) => a + b, 0) || 1;
  const widths = minimum.map((m, c) => Math.floor((m + (shares[c] / total) * spare) * 100) / 100);
  return Object.assign(widths, { padding });
}

/**
 * Width of the longest run pdfmake will not break: ASCII letters and digits, and what
 * `keepTogether` joins (a number with its unit, a date, a 文号).
 */
function longestUnbreakable(text: string, size: number): number {
  // A date to fill in prints as one line ("年　　月　　日"), wide enough to write in.
  if (DATE_BLANK.test(text)) return approxWidth(DATE_TO_FILL, size) + 2;
  const runs = [
    ...(text.match(/[\x21-\x7e]+/g) ?? []),
    ...keepTogether(text, true)
      .filter((r) => r.whole)
      .map((r) => r.text),
  ];
  // Measured in the face, as pdfmake sets them: a masked ID number is narrower than 0.55 em a digit.
  return Math.max(0, ...runs.map((run) => textWidth(run, size) + 2));
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

/** Space between the seal's ring and the ideographs of the line above it. */
const SEAL_CLEARANCE = 2;
/**
 * How far the seal may reach under the type area: a 信函's lower double line lies 38 pt under
 * it, and the footer's verification text starts 40 pt under it (a 信函's first page keeps its
 * two short lines left of the seal).
 */
const FOOT_REACH = 36;

/**
 * 署名 centred over the 成文日期, the date 右空四字, and the seal pressed down over both, the two
 * lines in its centre-lower part (GB/T 9704 §7.3.5.1). The column is exactly as wide as the date,
 * measured in the body face, so a long 署名 overhangs it evenly on both sides instead of pushing
 * the date off its place.
 */
function signatureBlock(input: LayoutInput, density: Density, last: boolean): Content {
  const dateWidth = Math.ceil(textWidth(input.dateText, SIZE.body) * 100) / 100 + 0.5;
  const rightGap = SIZE.body * 4;
  const line = density.linePt;
  const names = signatureLines(input.issuerName);
  const lines = names.length + 1;
  // The seal's centre lies a little above the middle of the 署名 and date, so they sit in its
  // centre-lower part: 0.9 line under the 署名's top when it takes one line.
  const sealTop = line * (lines / 2 - 0.1) - SEAL_DIAMETER / 2;
  const position = {
    x: (dateWidth - SEAL_DIAMETER) / 2,
    y: -line * lines + sealTop,
  };
  // The seal's top comes within a line of the text above (GB/T 9704 §7.3.5.1) but never onto
  // it: at a closed pitch the 署名 moves down from the last line of text as far as the seal
  // needs, its ideographs ending glyphBottom under their line's top.
  const above = Math.max(line, -sealTop - line + glyphBottom(SIZE.body) + SEAL_CLEARANCE);
  const seal: Content = input.sealImage
    ? ({
        image: input.sealImage,
        width: SEAL_DIAMETER,
        height: SEAL_DIAMETER,
        relativePosition: position,
      } as Content)
    : ({
        svg: sealSvg(input.sealText),
        width: SEAL_DIAMETER,
        height: SEAL_DIAMETER,
        relativePosition: position,
      } as Content);
  const block = {
    unbreakable: true,
    // Nothing follows the last one: the seal may reach into the page's foot, clear of the
    // page number one character in and of the verification line (FOOT_REACH under the type
    // area); at a closed pitch it hangs lower under the date, and the block makes up the rest.
    margin: [0, above, 0, last ? Math.max(0, sealTop + SEAL_DIAMETER - lines * line - FOOT_REACH) : line],
    columns: [
      { width: '*', text: '' },
      {
        width: dateWidth,
        stack: [
          ...names.map((name) => ({ text: name, alignment: 'center', noWrap: true })),
          { text: input.dateText, alignment: 'right', noWrap: true },
          seal,
        ],
      },
      { width: rightGap, text: '' },
    ],
  } as Content;
  if (!input.actingAuthority) return block;
  return {
    unbreakable: true,
    stack: [{ text: `经办人：${input.actingAuthority}`, margin: [0, line, 0, 0] }, block],
  } as Content;
}

/** The 署名 stays inside the seal's ring (inner diameter 91 % of the seal's), clear of it. */
export const SIGNATURE_MAX_WIDTH = SEAL_DIAMETER * 0.91 - SIZE.body / 2;
/** Where an organ's name may break: after its place (县, 镇…), before what it is (人民政府…). */
const NAME_BREAK = /(?<=[省市县区旗镇乡州盟])|(?=人民政府|民政局|街道办事处|委员会)/gu;

/**
 * The 署名 in lines no wider than the seal (GB/T 9704 §7.3.5.1: the seal presses on the 署名
 * and the date): one line when it fits, else two at the break point that leaves the longer line
 * shortest ("平安县城关镇" over "人民政府"), else two halves.
 */
export function signatureLines(name: string): string[] {
  const fits = (text: string) => textWidth(text, SIZE.body) <= SIGNATURE_MAX_WIDTH;
  if (!name || fits(name)) return [name];
  const cuts = [...name.matchAll(NAME_BREAK)].map((m) => m.index!).filter((i) => i > 0 && i < name.length);
  const split = (i: number) => [name.slice(0, i), name.slice(i)];
  const longest = (i: number) => Math.max(...split(i).map((l) => textWidth(l, SIZE.body)));
  const best = cuts.filter((i) => split(i).every(fits)).sort((a, b) => longest(a) - longest(b))[0];
  return split(best ?? Math.ceil(Array.from(name).length / 2));
}

/**
 * 版记 (GB/T 9704 §7.4): 抄送 between a thick and a thin rule, then 印发机关 left and 印发日期
 * right, closed by a thick rule; 4号, one character in from each side.
 */
function recordBlock(cc: string, input: LayoutInput, density: Density): Content {
  const rule = (width: number, gapBelow: number): Content =>
    ({
      canvas: [
        { type: 'line', x1: 0, y1: 0, x2: TYPE_AREA_WIDTH, y2: 0, lineWidth: width, lineColor: '#000000' },
      ],
      margin: [0, 0, 0, gapBelow],
    }) as Content;
  const size = SIZE.record;
  const style = { fontSize: size, lineHeight: lineHeightFor(size, density.linePt * 0.8) };
  const ccText = /[。.]$/.test(cc) ? cc : `${cc}。`;
  // 信函格式 prints the 抄送 alone, without 印发机关, 印发日期 or rules (§10.1).
  if (isLetter(input))
    return {
      text: `抄送：${ccText}`,
      margin: [size, density.linePt + (input.recordDrop ?? 0), size, 0],
      ...style,
    } as Content;
  return {
    margin: [0, density.linePt + (input.recordDrop ?? 0), 0, 0],
    stack: [
      rule(1, 3),
      { text: `抄送：${ccText}`, margin: [size, 0, size, 3], ...style },
      rule(0.7, 3),
      {
        columns: [
          { text: input.issuerName, margin: [size, 0, 0, 0], ...style },
          { text: `${input.dateText}印发`, alignment: 'right', margin: [0, 0, size, 0], ...style },
        ],
        margin: [0, 0, 0, 3],
      },
      rule(1, 0),
    ],
  } as Content;
}

/**
 * Page number "— n —" in 4号, 7 mm under the type area, odd pages right / even pages left,
 * one character in (GB/T 9704 §7.5); the verification QR sits on the opposite side.
 */
function footer(page: number, input: LayoutInput): Content {
  // 信函格式: 首页不显示页码 (§10.1); the verification line stays, above the lower double line.
  if (page === 1 && isLetter(input)) return letterFirstFooter(input);
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
        // Low beside the QR, under where a seal over a date on the last line may reach.
        margin: [4, 24, 0, 0],
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

/** The first page's verification line in 信函格式: a smaller QR clear of the lower double line. */
const LETTER_QR = 34;
function letterFirstFooter(input: LayoutInput): Content {
  return {
    margin: [MARGIN.left, 1, MARGIN.right, 0],
    columns: [
      {
        width: LETTER_QR,
        qr: input.verifyUrl,
        fit: LETTER_QR,
        eccLevel: 'M',
        foreground: '#000000',
      } as Content,
      // Two short lines, left of where a one-page letter's seal may reach into the foot.
      {
        width: '*',
        text: `验证码：${input.verifyCode}\n查验：${input.verifyUrl}`,
        fontSize: SIZE.footer,
        lineHeight: 1.1,
        margin: [4, 6, 0, 0],
      },
    ],
    columnGap: 2,
  } as Content;
}
