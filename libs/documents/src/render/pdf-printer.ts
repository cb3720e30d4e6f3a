import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { fontBytes, fontDescriptors } from '../layout/fonts';
import { cacheParsedFonts, shareGlyphRuns } from './font-cache';
import { shareMeasurements } from './measure-cache';

/* pdfmake 0.3's default export is a process-wide singleton with global fonts; using its
   Printer directly keeps our fonts and access policies private to this module. */
/* eslint-disable @typescript-eslint/no-require-imports */
const PdfPrinter = require('pdfmake/js/Printer').default;
const URLResolver = require('pdfmake/js/URLResolver').default;
const PdfDocument = require('pdfmake/js/PDFDocument').default as {
  prototype: { provideFont(family: string, bold: boolean, italics: boolean): object };
};
const Renderer = require('pdfmake/js/Renderer').default as {
  new (pdfDocument: PdfKitDoc): { renderPages(pages: unknown[]): void };
  prototype: { renderPages(pages: unknown[]): void };
};
const ElementWriter = require('pdfmake/js/ElementWriter').default as {
  prototype: {
    alignLine(this: { context(): { availableWidth: number } }, line: LaidLine): void;
  };
};
/* eslint-enable @typescript-eslint/no-require-imports */

const cachesOn = () => process.env.DOCUMENT_FONT_CACHE !== '0';

/*
 * A layout pass needs the pages pdfmake lays out (its pageBreakBefore hook sees them), not the
 * drawing of them into the pdfkit document: about as much CPU again, and most passes of the
 * fitting are thrown away. pdfmake hands its renderer the caller's progress callback, so this one
 * marks a pass whose drawing waits until the caller keeps it (it draws then exactly what pdfmake
 * would have drawn straight away: nothing touches the document in between).
 */
const LAYOUT_ONLY = (): void => undefined;
const PAGES = Symbol('pages laid out, not yet drawn');
type Pages = unknown[];
const renderPages = Renderer.prototype.renderPages;
Renderer.prototype.renderPages = function (this: { pdfDocument: { [PAGES]?: Pages } }, pages: Pages) {
  if ((this as { progressCallback?: unknown }).progressCallback === LAYOUT_ONLY)
    this.pdfDocument[PAGES] = pages;
  else renderPages.call(this, pages);
} as (typeof Renderer.prototype)['renderPages'];

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

function layOutPdf(docDefinition: TDocumentDefinitions, layoutOnly = false): Promise<PdfKitDoc> {
  const resolver = new URLResolver(fontVfs);
  resolver.setUrlAccessPolicy(() => false);
  const printer = new PdfPrinter(fontDescriptors(), fontVfs, resolver, () => false);
  if (cachesOn()) shareMeasurements();
  return printer.createPdfKitDocument(
    cloneDefinition(docDefinition),
    layoutOnly ? { progressCallback: LAYOUT_ONLY } : {},
  );
}

/**
 * Lays a definition out without drawing it or producing bytes: enough for its `pageBreakBefore`
 * hook to see where every block lands. The layout can still be drawn, once.
 */
export async function layOutOnly(docDefinition: TDocumentDefinitions): Promise<LaidOut> {
  const doc = (await layOutPdf(docDefinition, true)) as PdfKitDoc & { [PAGES]?: Pages };
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
