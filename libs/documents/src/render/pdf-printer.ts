import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { fontBytes, fontDescriptors } from '../layout/fonts';
import { cacheParsedFonts, shareGlyphRuns } from './font-cache';
import { shareMeasurements } from './measure-cache';
import { lookUpStylesDirectly } from './style-lookup';
import { SvgTarget, replaySvg } from './svg-replay';

/* pdfmake 0.3's default export is a process-wide singleton with global fonts; using its
   Printer directly keeps our fonts and access policies private to this module. */
/* eslint-disable @typescript-eslint/no-require-imports */
const PdfPrinter = require('pdfmake/js/Printer').default;
const URLResolver = require('pdfmake/js/URLResolver').default;
const PdfDocument = require('pdfmake/js/PDFDocument').default as {
  prototype: { provideFont(family: string, bold: boolean, italics: boolean): object };
};
interface PdfmakeRenderer {
  pdfDocument: PdfKitDoc & PdfKitDrawing;
  renderPages(pages: unknown[]): void;
  renderVector(vector: object): void;
  renderSVG(svg: SvgItem): void;
  renderLine(line: DrawnLine, x: number, y: number): void;
}
const TextDecorator = require('pdfmake/js/TextDecorator').default as {
  new (pdfDocument: PdfKitDoc): {
    drawBackground(line: DrawnLine, x: number, y: number): void;
    drawDecorations(line: DrawnLine, x: number, y: number): void;
  };
};
const Renderer = require('pdfmake/js/Renderer').default as {
  new (pdfDocument: PdfKitDoc): PdfmakeRenderer;
  prototype: PdfmakeRenderer;
};
const ElementWriter = require('pdfmake/js/ElementWriter').default as {
  prototype: {
    alignLine(this: { context(): { availableWidth: number } }, line: LaidLine): void;
  };
};
/* eslint-enable @typescript-eslint/no-require-imports */

const cachesOn = () => process.env.DOCUMENT_FONT_CACHE !== '0';
/** `DOCUMENT_LEAN_DRAWING=0` lays out (style lookups) and draws every document as pdfmake does: the benchmark's before. */
const leanOn = () => process.env.DOCUMENT_LEAN_DRAWING !== '0';

/*
 * A layout pass needs the pages pdfmake lays out (its pageBreakBefore hook sees them), not the
 * drawing of them into the pdfkit document: about as much CPU again, and most passes of the
 * fitting are thrown away. pdfmake hands its renderer the caller's progress callback, so this one
 * marks a pass whose drawing waits until the caller keeps it (it draws then exactly what pdfmake
 * would have drawn straight away: nothing touches the document in between).
 */
const LAYOUT_ONLY = (): void => undefined;
/** Marks a rendering drawn item by item as pdfmake draws it: the benchmark's reference. */
const PDFMAKE_DRAWING = (): void => undefined;
const PAGES = Symbol('pages laid out, not yet drawn');
type Page = { items: Item[] };
type Pages = Page[];
const renderPages = Renderer.prototype.renderPages;
Renderer.prototype.renderPages = function (
  this: PdfmakeRenderer & { pdfDocument: { [PAGES]?: Pages } },
  pages: Pages,
) {
  const progress = (this as { progressCallback?: unknown }).progressCallback;
  if (progress === LAYOUT_ONLY) this.pdfDocument[PAGES] = pages;
  else if (progress === PDFMAKE_DRAWING || !leanOn()) renderPages.call(this, pages);
  else drawPages(this, pages);
} as (typeof Renderer.prototype)['renderPages'];

/** An item of a laid-out page as pdfmake hands it to its renderer. */
interface Item {
  type: string;
  item: object;
}
/** pdfmake's canvas rectangle, placed on the page. */
interface RectVector {
  type: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
  color?: unknown;
  lineWidth?: number;
  [option: string]: unknown;
}
/** Filled rectangles of one colour drawn in one graphics state: `fillRuns`' replacement of their items. */
interface Rects {
  type: typeof RECTS;
  color: string;
  lineWidth?: number;
  rects: { x: number; y: number; w: number; h: number }[];
}
const RECTS = 'rects';
interface PdfKitDrawing {
  lineWidth(w: number): this;
  undash(): this;
  lineJoin(j: string): this;
  lineCap(c: string): this;
  rect(x: number, y: number, w: number, h: number): this;
  resolveColor(color: unknown, fallback: string): unknown;
  fillColor(color: unknown, opacity: number): this;
  fill(): this;
}

/*
 * pdfmake draws a QR code as one canvas rectangle per dark module, each with its own line width,
 * dash, join, cap, colour and opacity: about 560 of them under every page's verification QR, a
 * tenth of the drawing. Consecutive opaque filled rectangles of one colour need that state once.
 */
function drawPages(renderer: PdfmakeRenderer, pages: Pages): void {
  const renderVector = renderer.renderVector;
  renderer.renderVector = (vector) =>
    (vector as Rects).type === RECTS
      ? drawRects(renderer.pdfDocument, vector as Rects)
      : renderVector.call(renderer, vector);
  const renderLine = renderer.renderLine;
  renderer.renderLine = (line, x, y) =>
    plainLine(line)
      ? drawLine(renderer.pdfDocument as unknown as PdfKitText, line, x, y)
      : renderLine.call(renderer, line, x, y);
  const renderSVG = renderer.renderSVG;
  renderer.renderSVG = (svg) => {
    if (
      !cachesOn() ||
      !plainSvg(svg) ||
      !replaySvg(renderer.pdfDocument as unknown as SvgTarget, svg.svg, svg.x, svg.y, svgOptions(svg))
    )
      renderSVG.call(renderer, svg);
  };
  renderPages.call(
    renderer,
    pages.map((page) => ({ ...page, items: fillRuns(page.items) })),
  );
}

/** An SVG image as pdfmake hands it to its renderer. */
interface SvgItem {
  svg: string;
  x: number;
  y: number;
  _width: number;
  _height: number;
  [option: string]: unknown;
}

/** An SVG given as a string and drawn with pdfmake's default options, with no link on it. */
function plainSvg(svg: SvgItem): boolean {
  return (
    typeof svg.svg === 'string' &&
    ['options', 'link', 'linkToPage', 'linkToDestination'].every((key) => svg[key] == null)
  );
}

/** The options pdfmake's renderSVG gives svg-to-pdfkit for such an SVG (its font callback is for text). */
const svgOptions = (svg: SvgItem) => ({
  width: svg._width,
  height: svg._height,
  assumePt: true,
  useCSS: false,
});

/*
 * The graphics state pdfmake's renderVector sets for every rectangle, set once; then each
 * rectangle is filled on its own, as pdfmake fills it. Not one path of them all, nor a row of
 * squares as one rectangle: a rasteriser snaps a lone rectangle to whole pixels and anti-aliases
 * a path's edges, so at screen resolution a QR code's modules (under a pixel each) would turn
 * grey, or snap otherwise.
 */
function drawRects(doc: PdfKitDrawing, rects: Rects): void {
  doc
    .lineWidth(rects.lineWidth || 1)
    .undash()
    .lineJoin('miter')
    .lineCap('butt')
    .fillColor(doc.resolveColor(rects.color, 'black'), 1);
  for (const r of rects.rects) doc.rect(r.x, r.y, r.w, r.h).fill();
}

/** A line of text as pdfmake lays it out. */
interface DrawnLine {
  inlines: DrawnInline[];
  id?: string;
  _outline?: unknown;
  _pageNodeRef?: unknown;
  getHeight(): number;
  getAscenderHeight(): number;
}
interface DrawnInline {
  text: string;
  x: number;
  font: PdfKitFont;
  fontSize: number;
  color?: unknown;
  opacity?: number;
  characterSpacing?: number;
  [option: string]: unknown;
}
/** pdfkit's embedded font, as its text drawing uses it. */
interface PdfKitFont {
  id: string;
  ascender: number;
  ref(): unknown;
  encode(text: string, features?: unknown): [string[], GlyphPosition[]];
}
interface GlyphPosition {
  xAdvance: number;
  advanceWidth: number;
  xOffset: number;
  yOffset: number;
}
interface PdfKitText {
  page: { height: number; fonts: Record<string, unknown> };
  _font: PdfKitFont;
  opacity(opacity: number): this;
  fillColor(color: unknown): this;
  fontSize(size: number): this;
  save(): this;
  restore(): this;
  transform(a: number, b: number, c: number, d: number, e: number, f: number): this;
  addContent(content: string): this;
  resolveColor(color: unknown, fallback: string): unknown;
  addNamedDestination(name: string, type: 'XYZ', x: number, y: number, zoom: null): this;
}

/** What pdfmake draws of an inline besides its glyphs: a link, a destination, a raised or lowered run. */
const INLINE_EXTRAS = [
  'link',
  'linkToPage',
  'linkToDestination',
  '_pageNodeRef',
  'fontFeatures',
  'sup',
  'sub',
];

/** A line whose inlines are glyphs only, in any fonts, sizes and colours, named or not. */
function plainLine(line: DrawnLine): boolean {
  if (line._outline || line._pageNodeRef) return false;
  return line.inlines.every(
    (inline) =>
      !inline.text.includes('\n') &&
      INLINE_EXTRAS.every((key) => inline[key] == null || inline[key] === false),
  );
}

/** pdfkit's number format in content streams. */
function pdfNumber(n: number): number {
  if (n > -1e21 && n < 1e21) return Math.round(n * 1e6) / 1e6;
  throw new Error(`unsupported number: ${n}`);
}

/*
 * A document set on the GB/T 9704 grid has every character of its body as an inline of its own
 * (so that justification spaces them evenly), and pdfmake draws each inline as pdfkit text of its
 * own: opacity, colour and a stray fill, then save, flip, text object, matrix, font, glyphs, end,
 * restore — 280 of them a page, a third of the drawing. Here the inlines of a line that share
 * font, size, colour, opacity and spacing are one text object, each still set at its own
 * position (its text matrix) with the glyphs and adjustments pdfkit writes for it.
 */
function drawLine(doc: PdfKitText, line: DrawnLine, x: number, y: number): void {
  const lineHeight = line.getHeight();
  const descent = lineHeight - line.getAscenderHeight();
  const decorator = new TextDecorator(doc as unknown as PdfKitDoc);
  decorator.drawBackground(line, x, y);
  const { inlines } = line;
  for (let i = 0; i < inlines.length;) {
    const first = inlines[i];
    const opacity = typeof first.opacity === 'number' ? first.opacity : 1;
    let j = i + 1;
    while (
      j < inlines.length &&
      inlines[j].font === first.font &&
      inlines[j].fontSize === first.fontSize &&
      inlines[j].color === first.color &&
      inlines[j].opacity === first.opacity &&
      inlines[j].characterSpacing === first.characterSpacing
    )
      j++;
    doc.opacity(opacity);
    doc.fillColor(doc.resolveColor(first.color, 'black'));
    doc._font = first.font;
    doc.fontSize(first.fontSize);
    // pdfkit names a line's id as a destination where its first inline is set.
    drawText(doc, inlines.slice(i, j), x, y, lineHeight, descent, i === 0 ? line.id : undefined);
    i = j;
  }
  decorator.drawDecorations(line, x, y);
}

/** Inlines of one font, size and spacing as one text object, placed as pdfmake and pdfkit place them. */
function drawText(
  doc: PdfKitText,
  inlines: DrawnInline[],
  x: number,
  y: number,
  lineHeight: number,
  descent: number,
  destination: string | undefined,
): void {
  const { font, fontSize, characterSpacing } = inlines[0];
  // pdfmake's shift to the baseline, and pdfkit's from the top of the text to it, computed as they do.
  const shiftToBaseline = lineHeight - (font.ascender / 1000) * fontSize - descent;
  const dy = (font.ascender / 1000) * fontSize;
  const scale = fontSize / 1000;
  let open = false;
  for (const inline of inlines) {
    const first = inline === inlines[0];
    if (!inline.text) continue;
    if (!open) {
      doc.save();
      doc.transform(1, 0, 0, -1, 0, doc.page.height);
      if (doc.page.fonts[font.id] == null) doc.page.fonts[font.id] = font.ref();
      doc.addContent('BT');
      doc.addContent(`/${font.id} ${pdfNumber(fontSize)} Tf`);
      if (characterSpacing) doc.addContent(`${pdfNumber(characterSpacing)} Tc`);
      open = true;
    }
    let gx = x + inline.x;
    if (first && destination) doc.addNamedDestination(destination, 'XYZ', gx, y + shiftToBaseline, null);
    const gy = doc.page.height - (y + shiftToBaseline) - dy;
    doc.addContent(`1 0 0 1 ${pdfNumber(gx)} ${pdfNumber(gy)} Tm`);
    // From here as pdfkit's _fragment writes the glyphs of a text.
    const [encoded, positions] = font.encode(inline.text);
    const commands: string[] = [];
    let last = 0;
    let hadOffset = false;
    const addSegment = (cur: number) => {
      if (last < cur) {
        const advance = positions[cur - 1].xAdvance - positions[cur - 1].advanceWidth;
        commands.push(`<${encoded.slice(last, cur).join('')}> ${pdfNumber(-advance)}`);
      }
      last = cur;
    };
    const flush = (cur: number) => {
      addSegment(cur);
      if (commands.length > 0) {
        doc.addContent(`[${commands.join(' ')}] TJ`);
        commands.length = 0;
      }
    };
    let k = 0;
    for (; k < positions.length; k++) {
      const pos = positions[k];
      if (pos.xOffset || pos.yOffset) {
        flush(k);
        doc.addContent(
          `1 0 0 1 ${pdfNumber(gx + pos.xOffset * scale)} ${pdfNumber(gy + pos.yOffset * scale)} Tm`,
        );
        flush(k + 1);
        hadOffset = true;
      } else {
        if (hadOffset) {
          doc.addContent(`1 0 0 1 ${pdfNumber(gx)} ${pdfNumber(gy)} Tm`);
          hadOffset = false;
        }
        if (pos.xAdvance - pos.advanceWidth !== 0) addSegment(k + 1);
      }
      gx += pos.xAdvance * scale;
    }
    flush(k);
  }
  if (open) {
    doc.addContent('ET');
    doc.restore();
  }
}

/** A rectangle pdfmake would only fill, opaque, in a plain colour: nothing shows where rectangles meet. */
function plainFill(item: Item): RectVector | undefined {
  const v = item.item as RectVector;
  if (item.type !== 'vector' || v.type !== 'rect' || typeof v.color !== 'string') return undefined;
  for (const key of ['r', 'lineColor', 'linearGradient', 'dash', 'lineJoin', 'lineCap'])
    if (v[key] !== undefined) return undefined;
  if (v.fillOpacity !== undefined && v.fillOpacity !== 1) return undefined;
  return v;
}

/**
 * A page's items with every run of two or more consecutive plain filled rectangles of one colour
 * and line width replaced by one item that fills them, one by one, in one graphics state. Everything else stays as pdfmake laid it out, in order.
 */
export function fillRuns(items: Item[]): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < items.length;) {
    const first = plainFill(items[i]);
    let j = i + 1;
    while (first && j < items.length) {
      const next = plainFill(items[j]);
      if (!next || next.color !== first.color || next.lineWidth !== first.lineWidth) break;
      j++;
    }
    if (!first || j - i < 2) {
      out.push(items[i++]);
      continue;
    }
    const each: Rects['rects'] = [];
    for (; i < j; i++) {
      const { x, y, w, h } = items[i].item as RectVector;
      each.push({ x, y, w, h });
    }
    const rects: Rects = { type: RECTS, color: first.color as string, rects: each };
    if (first.lineWidth !== undefined) rects.lineWidth = first.lineWidth;
    out.push({ type: 'vector', item: rects });
  }
  return out;
}

const provideFont = PdfDocument.prototype.provideFont;
PdfDocument.prototype.provideFont = function (family, bold, italics) {
  const font = provideFont.call(this, family, bold, italics);
  shareGlyphRuns(font);
  return font;
};

interface PdfKitDoc extends NodeJS.ReadableStream {
  end(): void;
}

/** A document laid out and not yet drawn: drawing it gives the bytes `renderPdf` would. */
export interface LaidOut {
  draw(): Promise<Buffer>;
}

/**
 * The widest space justification may put between two characters, in ems: a third of a
 * character. pdfmake justifies a line by spreading what it lacks over every gap between its
 * characters; a line that lost a 文号, a date or a 《title》's closing run to the next line
 * (they never split) would spread 2–4 mm gaps that read as word spaces. Such a line is set with
 * its natural spacing and runs short, as a Chinese compositor leaves it, instead.
 */
export const MAX_JUSTIFY_GAP_EM = 1 / 3;

interface LaidLine {
  inlines: { alignment?: string; fontSize?: number }[];
  newLineForced?: boolean;
  lastLineInParagraph?: boolean;
  getWidth(): number;
}
const alignLine = ElementWriter.prototype.alignLine;
// pdfmake is used by this module only; its line alignment is the one place justification happens.
ElementWriter.prototype.alignLine = function (line) {
  const first = line.inlines?.[0];
  if (
    first?.alignment === 'justify' &&
    first.fontSize &&
    line.inlines.length > 1 &&
    !line.newLineForced &&
    !line.lastLineInParagraph
  ) {
    const gap = (this.context().availableWidth - line.getWidth()) / (line.inlines.length - 1);
    if (gap > MAX_JUSTIFY_GAP_EM * first.fontSize) return;
  }
  alignLine.call(this, line);
};

/** pdfmake's virtual file system contract, serving only the cached font bytes. */
const fontVfs = {
  existsSync: (name: string) => fontBytes(name) !== undefined,
  readFileSync: (name: string): Buffer => {
    const bytes = fontBytes(name);
    if (!bytes) throw new Error(`文书字体不存在：${name}`);
    // Every font the printer reads shares its parsed tables across documents (font-cache.ts).
    if (cachesOn()) cacheParsedFonts([bytes]);
    return bytes;
  },
  writeFileSync: (): never => {
    throw new Error('文书不允许加载外部资源');
  },
};

function layOutPdf(
  docDefinition: TDocumentDefinitions,
  mode: 'layoutOnly' | 'draw' | 'pdfmakeDrawing' = 'draw',
): Promise<PdfKitDoc> {
  const resolver = new URLResolver(fontVfs);
  resolver.setUrlAccessPolicy(() => false);
  const printer = new PdfPrinter(fontDescriptors(), fontVfs, resolver, () => false);
  if (cachesOn()) shareMeasurements();
  const definition = cloneDefinition(docDefinition);
  // The product looks its styles up without pdfmake's allocations; bare pdfmake as it ships.
  if (mode !== 'pdfmakeDrawing' && leanOn()) definition.styles = lookUpStylesDirectly(definition.styles);
  return printer.createPdfKitDocument(
    definition,
    mode === 'layoutOnly'
      ? { progressCallback: LAYOUT_ONLY }
      : mode === 'pdfmakeDrawing'
        ? { progressCallback: PDFMAKE_DRAWING }
        : {},
  );
}

/**
 * Lays a definition out without drawing it or producing bytes: enough for its `pageBreakBefore`
 * hook to see where every block lands. The layout can still be drawn, once.
 */
export async function layOutOnly(docDefinition: TDocumentDefinitions): Promise<LaidOut> {
  const doc = (await layOutPdf(docDefinition, 'layoutOnly')) as PdfKitDoc & { [PAGES]?: Pages };
  return {
    draw: () => {
      const pages = doc[PAGES];
      if (!pages) return Promise.reject(new Error('文书版面已输出，不能再次输出'));
      delete doc[PAGES];
      new Renderer(doc).renderPages(pages);
      return pdfBytes(doc);
    },
  };
}

/** Renders a pdfmake document definition to PDF bytes; no network and no file access. */
export async function renderPdf(docDefinition: TDocumentDefinitions): Promise<Buffer> {
  return pdfBytes(await layOutPdf(docDefinition));
}

/**
 * Renders a definition drawn item by item as pdfmake draws it, not as `renderPdf` does: the
 * benchmark's reference for bare pdfmake. The same document to the eye, larger and slower.
 */
export async function renderPdfmakeDrawn(docDefinition: TDocumentDefinitions): Promise<Buffer> {
  return pdfBytes(await layOutPdf(docDefinition, 'pdfmakeDrawing'));
}

function pdfBytes(doc: PdfKitDoc): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/**
 * pdfmake annotates the definition in place while laying it out, so a definition rendered
 * twice would not give the same bytes; plain objects and arrays are copied, functions
 * (footer) and Dates are shared. `dropKey` leaves out one property at every depth: a definition
 * embedded in another drops its node `id`s, which pdfmake refuses twice in one document.
 */
export function cloneDefinition<T>(value: T, dropKey?: string): T {
  if (Array.isArray(value)) return value.map((v) => cloneDefinition(v, dropKey)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== dropKey) out[k] = cloneDefinition(v, dropKey);
    return out as T;
  }
  return value;
}
