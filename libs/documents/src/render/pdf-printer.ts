import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { fontBytes, fontDescriptors } from '../layout/fonts';
import { cacheParsedFonts } from './font-cache';

/* pdfmake 0.3's default export is a process-wide singleton with global fonts; using its
   Printer directly keeps our fonts and access policies private to this module. */
/* eslint-disable @typescript-eslint/no-require-imports */
const PdfPrinter = require('pdfmake/js/Printer').default;
const URLResolver = require('pdfmake/js/URLResolver').default;

interface PdfKitDoc extends NodeJS.ReadableStream {
  end(): void;
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
const ElementWriter = require('pdfmake/js/ElementWriter').default as {
  prototype: {
    alignLine(this: { context(): { availableWidth: number } }, line: LaidLine): void;
  };
};
const alignLine = ElementWriter.prototype.alignLine;
// pdfmake is used by this module only; its line alignment is the one place justification happens.
/* eslint-enable @typescript-eslint/no-require-imports */
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
    if (process.env.DOCUMENT_FONT_CACHE !== '0') cacheParsedFonts([bytes]);
    return bytes;
  },
  writeFileSync: (): never => {
    throw new Error('文书不允许加载外部资源');
  },
};

function layOutPdf(docDefinition: TDocumentDefinitions): Promise<PdfKitDoc> {
  const resolver = new URLResolver(fontVfs);
  resolver.setUrlAccessPolicy(() => false);
  const printer = new PdfPrinter(fontDescriptors(), fontVfs, resolver, () => false);
  return printer.createPdfKitDocument(cloneDefinition(docDefinition), {});
}

/**
 * Lays a definition out without producing bytes (no font subsetting, no compression): enough for
 * its `pageBreakBefore` hook to see where every block lands.
 */
export async function layOutOnly(docDefinition: TDocumentDefinitions): Promise<void> {
  await layOutPdf(docDefinition);
}

/** Renders a pdfmake document definition to PDF bytes; no network and no file access. */
export async function renderPdf(docDefinition: TDocumentDefinitions): Promise<Buffer> {
  const doc = await layOutPdf(docDefinition);
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
