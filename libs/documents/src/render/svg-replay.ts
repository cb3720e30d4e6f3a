/*
 * pdfmake draws an SVG image with svg-to-pdfkit: it parses the XML, builds a shape per element,
 * parses every path and writes it out, for every document. The seal (a ring, a star and the
 * organ's name as glyph outlines) is the same drawing in every document an organ issues, and
 * drawing it was an eighth of a notice's CPU and a fifth of what it allocated.
 *
 * What svg-to-pdfkit writes for an SVG depends on where it is drawn only through the translation
 * it starts with and the bounding box of a transparency group (the page, seen from the group).
 * So an SVG's drawing is recorded once per thread, in a scratch document, as the pdfkit calls
 * that carry state (save, restore, transform, opacity, the group) and the content between them,
 * and replayed into each document at its own position, the group's box worked out as
 * svg-to-pdfkit works it out. A recording is used only if replaying it into a second scratch
 * document gives the very bytes svg-to-pdfkit gave there; an SVG it cannot replay that way (text,
 * images, links, nested groups, patterns…) is drawn by svg-to-pdfkit every time.
 */

import { deflateSync } from 'node:zlib';

/* eslint-disable @typescript-eslint/no-require-imports */
type Matrix = [number, number, number, number, number, number];
interface PdfRef {
  data: Record<string, unknown>;
  write(chunk: string | Uint8Array): void;
  end(): void;
}
interface ScratchPage {
  width: number;
  height: number;
  write(chunk: string): void;
  fonts: Record<string, unknown>;
  xobjects: Record<string, unknown>;
  ext_gstates: Record<string, unknown>;
  patterns: Record<string, unknown>;
  annotations?: unknown[];
}
/** The part of a pdfkit document an SVG's drawing touches. */
export interface SvgTarget {
  page: ScratchPage;
  _ctm: Matrix;
  _fillColor: unknown;
  _groupCount?: number;
  compress: boolean;
  save(): this;
  restore(): this;
  transform(...m: Matrix): this;
  addContent(chunk: string): this;
  _doOpacity(fill: number | null, stroke: number | null): this;
  ref(data?: Record<string, unknown>): PdfRef;
  end(): void;
  read(): Buffer | null;
}

/** svg-to-pdfkit's options as pdfmake passes them, less the callbacks. */
export interface SvgOptions {
  width: number;
  height: number;
  assumePt: boolean;
  useCSS: boolean;
}

type GroupPart = string | { fill: number | null; stroke: number | null };
type Op =
  | { kind: 'save' | 'restore' | 'insertGroup' }
  | { kind: 'transform'; m: Matrix }
  | { kind: 'raw'; text: string }
  | { kind: 'opacity'; fill: number | null; stroke: number | null }
  | {
      kind: 'group';
      dictionary: Record<string, unknown>;
      parts: GroupPart[];
      /** The last content written and its deflated bytes: the same for every document of one template. */
      deflated?: { content: string; bytes: Buffer };
    };

export const svgToPdf = require('pdfmake/js/3rd-party/svg-to-pdfkit').default as (
  doc: SvgTarget,
  svg: string,
  x: number,
  y: number,
  options: SvgOptions,
) => void;
const PdfKit = require(require.resolve('pdfkit', { paths: [require.resolve('pdfmake/js/Printer')] })) as new (
  options: object,
) => SvgTarget;

/** Recorded drawings per SVG and options; `null` for one that is drawn by svg-to-pdfkit each time. */
const recordings = new Map<string, Op[] | null>();
/** More distinct SVGs than one thread draws (one seal per organ); past it they are recorded again. */
export const MAX_RECORDINGS = 64;

/** Draws an SVG as svg-to-pdfkit would, from its recording; false when it has none (the caller draws it). */
export function replaySvg(doc: SvgTarget, svg: string, x: number, y: number, options: SvgOptions): boolean {
  const key = `${options.width} ${options.height} ${options.assumePt} ${options.useCSS} ${svg}`;
  let ops = recordings.get(key);
  if (ops === undefined) {
    if (recordings.size >= MAX_RECORDINGS) recordings.delete(recordings.keys().next().value!);
    recordings.set(key, (ops = replayable(svg, options)));
  }
  if (!ops) return false;
  replay(doc, ops, x, y);
  return true;
}

/** How many SVG drawings are recorded, and how many of them replay (for tests). */
export const svgRecordings = (): { recorded: number; replayed: number } => ({
  recorded: recordings.size,
  replayed: [...recordings.values()].filter(Boolean).length,
});

/** Where the scratch documents draw: away from the origin, so that a translation is seen as one. */
const AT = { x: 123.456789, y: 456.789123 };

function replayable(svg: string, options: SvgOptions): Op[] | null {
  try {
    const ops = record(svg, options);
    if (!ops) return null;
    const drawn = scratchPdf((doc) => svgToPdf(doc, svg, AT.x, AT.y, options));
    const replayed = scratchPdf((doc) => replay(doc, ops, AT.x, AT.y));
    return drawn.equals(replayed) ? ops : null;
  } catch {
    return null;
  }
}

function scratchDocument(compress = false): SvgTarget {
  return new PdfKit({ compress, size: 'A4', info: { CreationDate: new Date(0) } });
}

/** The bytes of an A4 document, uncompressed unless asked, with what `draw` draws on its page (also for tests). */
export function scratchPdf(draw: (doc: SvgTarget) => void, compress = false): Buffer {
  const doc = scratchDocument(compress);
  draw(doc);
  doc.end();
  // pdfkit writes the whole document into its stream's buffer as it ends: read it out at once.
  const chunks: Buffer[] = [];
  for (let chunk = doc.read(); chunk !== null; chunk = doc.read()) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** svg-to-pdfkit's drawing of `svg` as the calls to replay, or null if it does more than they cover. */
function record(svg: string, options: SvgOptions): Op[] | null {
  const doc = scratchDocument();
  const ops: Op[] = [];
  let group: Extract<Op, { kind: 'group' }> | undefined;
  let groupName: string | undefined;
  let inGroup = false;
  let refs = 0;
  let unsupported = false;
  // A recorded call's own content (save's q, transform's cm) is not recorded again as content.
  let depth = 0;
  const own = <A extends unknown[]>(fn: (...a: A) => unknown, op: (...a: A) => Op | undefined) =>
    function (this: SvgTarget, ...a: A) {
      const o = depth === 0 ? op(...a) : undefined;
      if (!o) return fn.apply(this, a);
      if (inGroup && o.kind === 'opacity') group!.parts.push({ fill: o.fill, stroke: o.stroke });
      else ops.push(o);
      depth++;
      try {
        return fn.apply(this, a);
      } finally {
        depth--;
      }
    };
  const { save, restore, transform, addContent, _doOpacity, ref } = doc;
  doc.save = own(save, () => (inGroup ? undefined : { kind: 'save' })) as typeof doc.save;
  doc.restore = own(restore, () => (inGroup ? undefined : { kind: 'restore' })) as typeof doc.restore;
  doc.transform = own(transform, (...m: Matrix) =>
    inGroup ? undefined : { kind: 'transform', m },
  ) as typeof doc.transform;
  doc._doOpacity = own(_doOpacity, (fill: number | null, stroke: number | null) =>
    fill == null && stroke == null ? undefined : { kind: 'opacity', fill, stroke },
  ) as typeof doc._doOpacity;
  doc.addContent = function (this: SvgTarget, text: string) {
    if (depth === 0) {
      if (inGroup) group!.parts.push(text);
      else ops.push(text === `/${groupName} Do` ? { kind: 'insertGroup' } : { kind: 'raw', text });
    }
    return addContent.call(this, text);
  } as typeof doc.addContent;
  doc.ref = function (this: SvgTarget, data?: Record<string, unknown>) {
    const r = ref.call(this, data);
    if (depth > 0) return r; // an opacity's graphics state
    refs++;
    if (data?.Subtype === 'Form') {
      // svg-to-pdfkit's transparency group: its resources were the ref before.
      if (group || refs !== 2) unsupported = true;
      group = { kind: 'group', dictionary: { ...data }, parts: [] };
      ops.push(group);
      groupName = `G${doc._groupCount}`;
      inGroup = true;
      const end = r.end;
      r.end = function (this: PdfRef) {
        inGroup = false;
        return end.call(this);
      };
    } else if (refs !== 1) unsupported = true;
    return r;
  } as typeof doc.ref;
  svgToPdf(doc, svg, AT.x, AT.y, options);
  const first = ops.find((o) => o.kind === 'transform');
  if (unsupported || !first || first.m[4] !== AT.x || first.m[5] !== AT.y || (group && !groupName))
    return null;
  const page = doc.page;
  if (Object.keys(page.fonts).length || Object.keys(page.patterns).length || page.annotations?.length)
    return null;
  return ops;
}

/** Draws the recorded calls at (x, y): svg-to-pdfkit's output for the SVG there. */
function replay(doc: SvgTarget, ops: Op[], x: number, y: number): void {
  const fillColor = doc._fillColor;
  let translated = false;
  let xobject: PdfRef | undefined;
  let name = '';
  for (const op of ops) {
    switch (op.kind) {
      case 'save':
        doc.save();
        break;
      case 'restore':
        doc.restore();
        break;
      case 'transform':
        // The first is svg-to-pdfkit's translation to where the image is drawn.
        if (translated) doc.transform(...op.m);
        else doc.transform(1, 0, 0, 1, x, y);
        translated = true;
        break;
      case 'raw':
        doc.addContent(op.text);
        break;
      case 'opacity':
        doc._doOpacity(op.fill, op.stroke);
        break;
      case 'group':
        ({ xobject, name } = drawGroup(doc, op));
        break;
      case 'insertGroup':
        doc.page.xobjects[name] = xobject;
        doc.addContent(`/${name} Do`);
        break;
    }
  }
  doc._fillColor = fillColor;
}

/** A transparency group as svg-to-pdfkit's docBeginGroup … docEndGroup writes it. */
function drawGroup(doc: SvgTarget, op: Extract<Op, { kind: 'group' }>): { xobject: PdfRef; name: string } {
  const name = `G${(doc._groupCount = (doc._groupCount || 0) + 1)}`;
  const resources = doc.ref();
  // The group's dictionary in svg-to-pdfkit's key order, with this drawing's box and resources.
  const dictionary: Record<string, unknown> = { ...op.dictionary, BBox: pageBox(doc), Resources: resources };
  // pdfkit deflates a stream as it ends; the group's content is deflated here instead, once per
  // content, with the keys pdfkit's first write adds in their order.
  if (doc.compress) Object.assign(dictionary, { Length: 0, Filter: 'FlateDecode' });
  const xobject = doc.ref(dictionary);
  if (!doc.compress) xobject.write('');
  const content: string[] = [];
  const page = doc.page;
  const ext_gstates: Record<string, unknown> = {};
  // An opacity's graphics state is the document's (one per value); its name goes to the group's resources.
  doc.page = {
    width: page.width,
    height: page.height,
    write: (chunk) => content.push(chunk),
    fonts: {},
    xobjects: {},
    ext_gstates,
    patterns: {},
  };
  try {
    for (const part of op.parts) {
      if (typeof part === 'string') content.push(part);
      else doc._doOpacity(part.fill, part.stroke);
    }
  } finally {
    doc.page = page;
  }
  if (doc.compress) {
    // What pdfkit would have deflated: its first, empty write and the content, each with a newline.
    const text = `\n${content.join('\n')}\n`;
    if (op.deflated?.content !== text)
      op.deflated = { content: text, bytes: deflateSync(Buffer.from(text, 'binary')) };
    xobject.write(op.deflated.bytes);
  } else xobject.write(content.join('\n'));
  if (Object.keys(ext_gstates).length) resources.data.ExtGState = ext_gstates;
  resources.end();
  xobject.end();
  return { xobject, name };
}

/** The page's corners seen from the current matrix, bounded: svg-to-pdfkit's getPageBBox. */
function pageBox(doc: SvgTarget): number[] {
  const m = doc._ctm;
  const dt = m[0] * m[3] - m[1] * m[2];
  const inv = [
    m[3] / dt,
    -m[1] / dt,
    -m[2] / dt,
    m[0] / dt,
    (m[2] * m[5] - m[3] * m[4]) / dt,
    (m[1] * m[4] - m[0] * m[5]) / dt,
  ];
  const { width, height } = doc.page;
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [px, py] of [
    [0, 0],
    [width, 0],
    [width, height],
    [0, height],
  ]) {
    const tx = inv[0] * px + inv[2] * py + inv[4];
    const ty = inv[1] * px + inv[3] * py + inv[5];
    box[0] = Math.min(box[0], tx);
    box[1] = Math.min(box[1], ty);
    box[2] = Math.max(box[2], tx);
    box[3] = Math.max(box[3], ty);
  }
  return box;
}
