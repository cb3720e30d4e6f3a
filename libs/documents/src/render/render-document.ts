import { createHash } from 'node:crypto';
import { stableStringify } from '@app/common';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { formatCnDate } from '../format/cn-format';
import {
  BLOCK_ID_PREFIX,
  DENSITIES,
  END_ID,
  Flow,
  LayoutInput,
  TAIL_ID,
  blockEndId,
  blockId,
  lastRowId,
  rowBeforeLastId,
  buildDocDefinition,
  hasRecord,
  splitParagraph,
  splitsClosingTable,
  tailStart,
} from '../layout/build-doc-definition';
import { MARGIN, PAGE } from '../layout/gbt9704';
import { Block, CC_PREFIX, parseMarkup } from '../markup/parse-markup';
import { LoadedTemplate } from '../templates/template-types';
import { TemplateDataError, validateTemplateData } from '../templates/validate-data';
import { documentTitle } from '../templates/document-title';
import { LaidOut, layOutOnly, renderPdf, renderPdfmakeDrawn } from './pdf-printer';

export interface RenderInput {
  template: LoadedTemplate;
  data: Record<string, unknown>;
  /** 文号; omitted for forms without one (and for unnumbered drafts). */
  number?: string;
  /** Becomes the 成文日期 and the PDF creation date, so re-rendering is byte-identical. */
  issuedAt: Date;
  verifyCode: string;
  verifyUrl: string;
}

const PRODUCER = 'shehui-jiuzhu documents';

/**
 * Validates the data and lays the document out, without producing PDF bytes; exported so a
 * benchmark can time pdfmake on its own.
 */
export function buildDocumentDefinition(input: RenderInput): TDocumentDefinitions {
  return buildDocDefinition(layoutInput(input));
}

function layoutInput(input: RenderInput): LayoutInput {
  const { template, data } = input;
  const { manifest } = template;
  const errors = validateTemplateData(manifest.schema, data);
  if (errors.length) throw new TemplateDataError(manifest.id, errors);
  if (Number.isNaN(input.issuedAt.getTime())) {
    throw new TemplateDataError(manifest.id, [{ field: 'issuedAt', message: '「成文日期」无效' }]);
  }

  const issuerName = readIssuerName(data) ?? '';
  const blocks = withActingLine(parseMarkup(template.renderMarkup(data)), data);
  const title = documentTitle(manifest, data as Record<string, unknown>);
  return {
    title,
    letterhead: manifest.documentType === 'decision' || manifest.documentType === 'notice',
    letter: manifest.format === 'letter',
    issuerName,
    sealText: readIssuerField(data, 'sealText') ?? issuerName,
    sealImage: sealImageOf(readIssuerField(data, 'sealImage')),
    number: input.number,
    dateText: formatCnDate(input.issuedAt),
    blocks,
    verifyCode: input.verifyCode,
    verifyUrl: input.verifyUrl,
    ...actingAuthority(data),
    info: {
      title,
      author: issuerName,
      subject: input.number ?? title,
      creator: PRODUCER,
      producer: PRODUCER,
      creationDate: input.issuedAt,
      modDate: input.issuedAt,
      // pdfkit derives the trailer /ID from the info dictionary, so this makes the ID a
      // function of the full input instead of just the date.
      ...({ InputHash: inputHash(input) } as Record<string, string>),
    },
  };
}

/** A configured seal image is used only as inline PNG or JPEG data, never fetched. */
function sealImageOf(value: string | undefined): string | undefined {
  return value && /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/.test(value) ? value : undefined;
}

/** A last page holding less than this many lines of text is worth pulling back (GB/T 9704 §7.3.5). */
const SHORT_LAST_PAGE_LINES = 10;

interface Fitted {
  definition: TDocumentDefinitions;
  /** The measured layout, drawn only for the setting that is kept. */
  laidOut: LaidOut;
  /** Index into DENSITIES. */
  density: number;
  keepBefore: number;
  pages: number;
  /** The closing lines and the seal start a page of their own. */
  tailAlone: boolean;
  /** Height the text takes on the last page, in points. */
  lastPageUsed: number;
  /** The page the text ends on. */
  endPage: number;
  /** Where the body's paragraphs, headings and lines start and its paragraphs end. */
  starts: Starts;
  /** The page-flow corrections it was laid out with. */
  flow: Flow;
}

/** Enough passes for the corrections one document needs; each settles one page break. */
const MAX_FLOW_PASSES = 8;

/**
 * Lays the document out, then keeps lines together across page breaks and lays it out again
 * until no page break leaves a paragraph's first line alone at the foot of a page (orphan), its
 * last line alone at the head of the next (widow), or a heading alone at the foot of a page.
 */
async function layOut(layout: LayoutInput, d: number, keepBefore = 0): Promise<Fitted> {
  let flow: Flow = layout.flow ?? { breakBefore: [], splitAt: {} };
  for (let pass = 0; ; pass++) {
    const fitted = { ...(await layOutOnce({ ...layout, flow }, d, keepBefore)), flow };
    // The closing table's last row went over with the closing lines: it takes the header along.
    const split = splitsClosingTable(layout.blocks);
    const tableEnd = split === undefined ? undefined : fitted.starts.get(blockEndId(split));
    if (!flow.headerOver && tableEnd && fitted.endPage > tableEnd.page) {
      flow = { ...flow, headerOver: true };
      continue;
    }
    const fix =
      pass < MAX_FLOW_PASSES
        ? firstLoneLine(layout.blocks, keepBefore, flow, fitted.starts, DENSITIES[d].linePt)
        : undefined;
    if (!fix) return fitted;
    flow = await corrected(flow, fix, layout, d);
  }
}

/** Where each marked node of the body starts, by node id. */
type Starts = Map<string, { page: number; top: number }>;

type Fix = { breakBefore: number } | { split: number; lines: number };
/** A paragraph or a single line: the blocks whose lines may run over a page break. */
type TextBlock = Extract<Block, { kind: 'paragraph' | 'line' }>;

const TYPE_BOTTOM = PAGE.height - MARGIN.bottom;

/** Lines of body text between two points of the flow, at line pitch `line`. */
function linesBetween(from: { page: number; top: number }, to: { page: number; top: number }, line: number) {
  if (from.page === to.page) return Math.round((to.top - from.top) / line);
  const perPage = Math.floor((TYPE_BOTTOM - MARGIN.top) / line + 0.01);
  return (
    Math.floor((TYPE_BOTTOM - from.top) / line + 0.01) +
    (to.page - from.page - 1) * perPage +
    Math.round((to.top - MARGIN.top) / line)
  );
}

function firstLoneLine(
  blocks: Block[],
  keepBefore: number,
  flow: Flow,
  starts: Starts,
  line: number,
): Fix | undefined {
  // The closing tail moves whole; pdfmake reports it where it was first tried.
  const end = tailStart(blocks, keepBefore) ?? blocks.length;
  for (let i = 0; i < end; i++) {
    const block = blocks[i];
    const start = starts.get(blockId(i));
    // A paragraph already cut carries two lines or more to the next page.
    if (!start || flow.splitAt[i] !== undefined) continue;
    if (block.kind === 'heading') {
      const next = starts.get(blockId(i + 1));
      if (next && next.page > start.page) return { breakBefore: i };
    }
    const leadIn = leadInKeptWithTable(blocks, i, starts, line);
    if (leadIn) return leadIn;
    const stop = starts.get(blockEndId(i));
    if ((block.kind !== 'paragraph' && block.kind !== 'line') || !stop || stop.page === start.page) continue;
    const onFirst = Math.floor((TYPE_BOTTOM - start.top) / line + 0.01);
    const onLast = Math.round((stop.top - MARGIN.top) / line);
    if (onFirst === 1) return { breakBefore: i };
    if (onLast === 1) return onFirst >= 3 ? { split: i, lines: onFirst - 1 } : { breakBefore: i };
  }
  return undefined;
}

/** A lead-in ("需核对的家庭成员如下：") announces the table right after it. */
const LEAD_IN = /[：:]$/;

/**
 * A paragraph or line that leads into a table ends on the page where the table's first row
 * (under its header) is set: when the table starts on a later page, the lead-in goes over
 * with it — its last two lines when it is long enough to leave two or more behind, whole
 * otherwise. A long table itself starts where it is and runs on, its header repeated.
 */
export function leadInKeptWithTable(
  blocks: Block[],
  i: number,
  starts: Starts,
  line: number,
): Fix | undefined {
  const block = blocks[i];
  if ((block.kind !== 'paragraph' && block.kind !== 'line') || blocks[i + 1]?.kind !== 'table')
    return undefined;
  if (!LEAD_IN.test(block.text.trim())) return undefined;
  const start = starts.get(blockId(i));
  const stop = starts.get(blockEndId(i));
  const table = starts.get(blockId(i + 1));
  if (!start || !stop || !table || table.page <= stop.page) return undefined;
  // The end marker sits under the paragraph's last line.
  const lines = linesBetween(start, stop, line);
  return lines >= 4 && stop.page === start.page ? { split: i, lines: lines - 2 } : { breakBefore: i };
}

async function corrected(flow: Flow, fix: Fix, layout: LayoutInput, d: number): Promise<Flow> {
  const at = 'breakBefore' in fix ? fix.breakBefore : fix.split;
  // Corrections further on were made for page breaks this one moves; they are found again.
  const kept: Flow = {
    ...flow,
    breakBefore: flow.breakBefore.filter((i) => i < at),
    splitAt: Object.fromEntries(Object.entries(flow.splitAt).filter(([i]) => Number(i) < at)),
  };
  const block = layout.blocks[at] as TextBlock;
  const cut = 'split' in fix ? await charsInLines(layout, d, block, fix.lines) : 0;
  if (cut <= 0 || cut >= block.text.length) return { ...kept, breakBefore: [...kept.breakBefore, at] };
  return { ...kept, splitAt: { ...kept.splitAt, [at]: cut } };
}

/**
 * How many characters of a paragraph its first `lines` lines hold, found by laying out its
 * beginnings alone (pdfmake breaks lines greedily, so where a line ends depends only on the
 * text before it).
 */
async function charsInLines(
  layout: LayoutInput,
  d: number,
  block: TextBlock,
  lines: number,
): Promise<number> {
  const { text } = block;
  const count = async (chars: number): Promise<number> => {
    const probe = buildDocDefinition(
      {
        ...layout,
        letterhead: false,
        number: undefined,
        flow: undefined,
        blocks: [{ ...block, text: splitParagraph(text, chars)[0] }],
      },
      DENSITIES[d],
    );
    // Only the paragraph: no title above it.
    probe.content = (probe.content as Content[]).filter((c) => 'stack' in (c as object));
    const starts: Starts = new Map();
    probe.pageBreakBefore = (node) => {
      if (node.id) starts.set(node.id, { page: node.startPosition.pageNumber, top: node.startPosition.top });
      return false;
    };
    await layOutOnly(probe);
    return linesBetween(starts.get(blockId(0))!, starts.get(blockEndId(0))!, DENSITIES[d].linePt);
  };
  // The longest beginning that still takes `lines` lines.
  let lo = 1;
  let hi = text.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if ((await count(mid)) <= lines) lo = mid;
    else hi = mid - 1;
  }
  // Never cut between the two stars of a bold mark.
  return text[lo - 1] === '*' && text[lo] === '*' ? lo - 1 : lo;
}

async function layOutOnce(layout: LayoutInput, d: number, keepBefore = 0): Promise<Omit<Fitted, 'flow'>> {
  const density = DENSITIES[d];
  const definition = buildDocDefinition(layout, density, keepBefore);
  const starts: Starts = new Map();
  // pdfmake reports an unbreakable block where it was first tried, not the page it moved to;
  // the page count tells: the tail stands alone when the pages outnumber those the text
  // before it reaches.
  let reached = 0;
  let tailSeen = false;
  let tailAlone = false;
  let pages = 1;
  let lastPageUsed = 0;
  let endPage = 1;
  definition.pageBreakBefore = (node) => {
    pages = node.pages;
    if (node.id?.startsWith(BLOCK_ID_PREFIX))
      starts.set(node.id, { page: node.startPosition.pageNumber, top: node.startPosition.top });
    if (node.id === TAIL_ID) {
      tailSeen = true;
      tailAlone = node.pages > reached;
    } else if (node.id === END_ID) {
      lastPageUsed = node.startPosition.top - MARGIN.top;
      endPage = node.startPosition.pageNumber;
    } else if (!tailSeen) {
      reached = Math.max(reached, ...node.pageNumbers);
    }
    return false;
  };
  const laidOut = await layOutOnly(definition);
  return {
    definition,
    laidOut,
    density: d,
    keepBefore,
    pages,
    tailAlone: tailSeen && tailAlone,
    lastPageUsed,
    endPage,
    starts,
  };
}

/**
 * Lays the document out on the GB/T 9704 grid. When the last page holds only the closing lines
 * and the seal, or a few lines of text, it is set again slightly tighter (line pitch, table
 * padding), as GB/T 9704 §7.3.5 allows, and the tighter setting is kept only if it saves that
 * page. A document that cannot be pulled together keeps the grid and carries the paragraph before
 * its closing lines over whole.
 */
export async function fitDocumentDefinition(input: RenderInput): Promise<Fitted> {
  const layout = layoutInput(input);
  let fitted = await fitLayout(layout);
  if (hasRecord(layout.blocks)) {
    // The 版记 drops to the foot of the last page, if the page stays the same.
    const room = PAGE.height - MARGIN.top - MARGIN.bottom - fitted.lastPageUsed - 4;
    if (room > 0) {
      const dropped = await layOut({ ...layout, recordDrop: room }, fitted.density, fitted.keepBefore);
      if (dropped.pages === fitted.pages) fitted = dropped;
    }
  }
  // The hook has done its work; the definition renders as it was measured.
  delete fitted.definition.pageBreakBefore;
  return fitted;
}

/**
 * A page left this many lines short because a heading went over with what it heads (a table
 * whose header and first row do not fit under it) is worth closing the pitch for.
 */
const HOLE_LINES = 4;

/** A heading moved to the next page left a hole of HOLE_LINES lines or more at the foot of the page before. */
function leavesHole(fitted: Fitted, blocks: Block[]): boolean {
  const line = DENSITIES[fitted.density].linePt;
  return fitted.flow.breakBefore.some((i) => {
    if (blocks[i].kind !== 'heading' || i === 0) return false;
    const before = fitted.starts.get(blockEndId(i - 1));
    return before !== undefined && TYPE_BOTTOM - before.top >= HOLE_LINES * line;
  });
}

/** A table that runs onto the next page with its last row alone under the repeated header. */
export function leavesLastRowAlone(blocks: Block[], starts: Starts): boolean {
  return blocks.some((b, i) => {
    if (b.kind !== 'table') return false;
    const last = starts.get(lastRowId(i));
    const before = starts.get(rowBeforeLastId(i));
    return last !== undefined && before !== undefined && last.page > before.page;
  });
}

/** The loosest closer pitch at which `flaw` is gone without adding a page to `grid`, if any. */
async function loosestWithout(
  layout: LayoutInput,
  grid: Fitted,
  flaw: (fitted: Fitted) => boolean,
): Promise<Fitted | null> {
  for (let d = 1; d < DENSITIES.length; d++) {
    const tighter = await layOut(layout, d);
    if (tighter.pages <= grid.pages && !flaw(tighter)) return tighter;
  }
  return null;
}

async function fitLayout(layout: LayoutInput): Promise<Fitted> {
  let grid = await layOut(layout, 0);
  // The loosest pitch that keeps the heading with its first lines on that page, if any does.
  const hole = (f: Fitted) => leavesHole(f, layout.blocks);
  if (hole(grid)) {
    const tighter = await loosestWithout(layout, grid, hole);
    if (tighter) return tighter;
  }
  // The loosest pitch that keeps a table's last row with the one before, if any does; it is then
  // judged as the grid would be.
  const lastRowAlone = (f: Fitted) => leavesLastRowAlone(layout.blocks, f.starts);
  if (lastRowAlone(grid)) grid = (await loosestWithout(layout, grid, lastRowAlone)) ?? grid;
  const short = grid.lastPageUsed < SHORT_LAST_PAGE_LINES * DENSITIES[0].linePt;
  if (grid.pages === 1 || (!grid.tailAlone && !short)) return grid;
  // The tightest setting tells whether any saves the page; then the loosest that does is kept.
  const tightest = await layOut(layout, DENSITIES.length - 1);
  if (tightest.pages < grid.pages) {
    for (let d = 1; d < DENSITIES.length - 1; d++) {
      const tighter = await layOut(layout, d);
      if (tighter.pages < grid.pages) return tighter;
    }
    return tightest;
  }
  // The page stays: the paragraph before the closing lines moves over whole, so the last page
  // does not open with a line or two of it.
  const kept = await layOut(layout, 0, 1);
  return kept.pages === grid.pages ? kept : grid;
}

/**
 * A document without a signature block (a table-style record: 入户调查表, 送达回证…) still names
 * the delegate's acting authority: a closing line, before any 抄送, as the signature block would.
 */
function withActingLine(blocks: Block[], data: Record<string, unknown>): Block[] {
  const label = actingAuthority(data).actingAuthority;
  if (!label || blocks.some((b) => b.kind === 'sign')) return blocks;
  const cc = blocks.findIndex((b) => b.kind === 'line' && b.text.startsWith(CC_PREFIX));
  const at = cc === -1 ? blocks.length : cc;
  return [
    ...blocks.slice(0, at),
    { kind: 'line', align: 'left', text: `经办人：${label}` },
    ...blocks.slice(at),
  ];
}

/** The delegate's acting authority the issuer froze into the data (`actingAuthority.label`). */
function actingAuthority(data: Record<string, unknown>): { actingAuthority?: string } {
  const acting = data.actingAuthority as { label?: unknown } | undefined;
  return typeof acting?.label === 'string' ? { actingAuthority: acting.label } : {};
}

/** Renders the document; identical input yields identical bytes. */
export async function renderDocument(input: RenderInput): Promise<Buffer> {
  const fitted = await fitDocumentDefinition(input);
  // The layout that was measured is drawn: the document is laid out no more than the fitting did.
  return fitted.laidOut.draw();
}

/** Renders a prepared definition as it stands, without the fitting. */
export function renderBareDocDefinition(docDefinition: TDocumentDefinitions): Promise<Buffer> {
  return renderPdf(docDefinition);
}

/** Bare pdfmake: a prepared definition laid out and drawn as pdfmake draws it (the benchmarks' reference). */
export function renderPdfmakeDocDefinition(docDefinition: TDocumentDefinitions): Promise<Buffer> {
  return renderPdfmakeDrawn(docDefinition);
}

function readIssuerName(data: Record<string, unknown>): string | undefined {
  return readIssuerField(data, 'name');
}

/** A text field of the issuing organ (`sealText` is absent in documents frozen before organs). */
function readIssuerField(
  data: Record<string, unknown>,
  field: 'name' | 'sealText' | 'sealImage',
): string | undefined {
  const issuer = data.issuer as Record<string, unknown> | undefined;
  const value = issuer?.[field];
  return typeof value === 'string' && value ? value : undefined;
}

function inputHash(input: RenderInput): string {
  return createHash('sha256')
    .update(
      stableStringify({
        template: input.template.contentHash,
        data: input.data,
        number: input.number ?? null,
        issuedAt: input.issuedAt.toISOString(),
        verifyCode: input.verifyCode,
        verifyUrl: input.verifyUrl,
      }),
    )
    .digest('hex');
}
