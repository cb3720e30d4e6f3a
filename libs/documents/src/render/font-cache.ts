/*
 * pdfkit parses a font from its bytes for every document (fontkit.create), and fontkit decodes
 * each table lazily on that fresh object: for a 15 MB CJK font the decoding (cmap, glyf, GSUB…)
 * was about 29 % of the CPU of issuing a document. Decoded tables are read-only (pdfkit keeps
 * each document's subset and glyph choices on its own font object), so every font object made
 * from one of our font buffers shares the directory and tables the first one decoded.
 *
 * fontkit exports neither its TrueType class nor a hook, and its `create` is a read-only getter;
 * the class is reached from a font it parsed, and its directory decoding is where a font object
 * gets its table cache.
 */

import { pdfkitFontkit } from '../layout/pdfkit-fontkit';

interface TrueTypeFont {
  stream: { buffer: Uint8Array };
  directory: unknown;
  _tables: Record<string, unknown>;
  _decodeDirectory(): unknown;
  createSubset(): object;
}
interface Fontkit {
  create(buffer: Uint8Array): TrueTypeFont;
}

const cached = new Set<Uint8Array>();
const shared = new Map<Uint8Array, { directory: unknown; tables: Record<string, unknown> }>();
let installed = false;

/** Makes every document this process (thread) renders share the parsed tables of these buffers. */
export function cacheParsedFonts(buffers: Iterable<Uint8Array>): void {
  const list = [...buffers];
  for (const bytes of list) cached.add(bytes);
  if (installed || !list.length) return;
  installed = true;
  const proto = Object.getPrototypeOf(pdfkitFontkit<Fontkit>().create(list[0])) as TrueTypeFont;
  const decodeDirectory = proto._decodeDirectory;
  proto._decodeDirectory = function (this: TrueTypeFont) {
    const key = this.stream.buffer;
    if (!cached.has(key)) return decodeDirectory.call(this);
    let parsed = shared.get(key);
    if (!parsed) {
      parsed = { directory: decodeDirectory.call(this), tables: this._tables };
      shared.set(key, parsed);
    }
    this._tables = parsed.tables;
    return (this.directory = parsed.directory);
  };
  shareSubsetGlyphs(proto.createSubset.call(pdfkitFontkit<Fontkit>().create(list[0])));
}

/*
 * Embedding a subset, fontkit decodes every glyph it takes in full (all its points) only to learn
 * whether it is a composite, and reads its metrics: per glyph and per document. What a glyph
 * brings to a subset (its bytes, the components it names, its metrics) is fixed by the font, so
 * it is read once per font buffer and gid; each subset still numbers the components itself.
 */
interface Component {
  glyphID: number;
  pos: number;
}
interface SubsetGlyph {
  bytes: Uint8Array;
  components: Component[];
  advance: number;
  bearing: number;
}
interface TtfSubset {
  font: TrueTypeFont & {
    _variationProcessor?: unknown;
    loca: { offsets: number[] };
    getGlyph(gid: number): {
      advanceWidth: number;
      _decode(): { numberOfContours: number; components?: Component[] } | null;
      _getMetrics(): { leftBearing: number };
    };
    _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
  };
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  includeGlyph(gid: number): number;
  _addGlyph(gid: number): number;
}
const subsetGlyphs = new Map<Uint8Array, Map<number, SubsetGlyph>>();

function readSubsetGlyph(font: TtfSubset['font'], gid: number): SubsetGlyph {
  const glyph = font.getGlyph(gid);
  const glyf = glyph._decode();
  const start = font.loca.offsets[gid];
  const stream = font._getTableStream('glyf');
  stream.pos += start;
  return {
    bytes: stream.readBuffer(font.loca.offsets[gid + 1] - start),
    components:
      glyf && glyf.numberOfContours < 0 ? glyf.components!.map(({ glyphID, pos }) => ({ glyphID, pos })) : [],
    advance: glyph.advanceWidth,
    bearing: glyph._getMetrics().leftBearing,
  };
}

function shareSubsetGlyphs(subset: object): void {
  // Only TrueType outlines (a glyf table) are subset glyph by glyph.
  if (!('glyphEncoder' in subset)) return;
  const proto = Object.getPrototypeOf(subset) as TtfSubset;
  const addGlyph = proto._addGlyph;
  proto._addGlyph = function (this: TtfSubset, gid: number) {
    const key = this.font.stream.buffer;
    // A variable font's glyphs are encoded anew for its instance.
    if (!cached.has(key) || this.font._variationProcessor) return addGlyph.call(this, gid);
    let byGid = subsetGlyphs.get(key);
    if (!byGid) subsetGlyphs.set(key, (byGid = new Map()));
    let glyph = byGid.get(gid);
    if (!glyph) byGid.set(gid, (glyph = readSubsetGlyph(this.font, gid)));
    let bytes = glyph.bytes;
    if (glyph.components.length) {
      bytes = new Uint8Array(bytes);
      const view = new DataView(bytes.buffer);
      for (const component of glyph.components)
        view.setUint16(component.pos, this.includeGlyph(component.glyphID));
    }
    this.glyf.push(bytes);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push({ advance: glyph.advance, bearing: glyph.bearing });
    this.offset += bytes.length;
    return this.glyf.length - 1;
  };
}

/** How many glyphs of a font buffer are kept for subsetting (for tests). */
export function sharedSubsetGlyphCount(bytes: Uint8Array): number {
  return subsetGlyphs.get(bytes)?.size ?? 0;
}

/*
 * pdfkit lays each string out once per document (its layoutCache lives on the document's font
 * object), so every layout pass of the fitting and every new document shapes the same words
 * again. A run is a function of the font and the string alone (pdfkit asks without features
 * there, and scales by the font's own units), and pdfkit copies what it changes: documents made
 * from one of our font buffers share the runs.
 */
interface GlyphRun {
  advanceWidth: number;
}
interface EmbeddedFont {
  font: TrueTypeFont;
  layoutCache?: object;
  layoutRun(text: string): GlyphRun;
  layoutCached(text: string): GlyphRun;
}

/** Enough for the characters and words of every template; past it a font's runs start afresh. */
export const MAX_SHARED_RUNS = 20_000;
const runs = new Map<Uint8Array, Map<string, GlyphRun>>();
let runsShared = false;

/** Makes pdfkit's font objects of the cached buffers (as `font` is one) share their glyph runs. */
export function shareGlyphRuns(font: object): void {
  if (runsShared || !('layoutCached' in font)) return;
  runsShared = true;
  const proto = Object.getPrototypeOf(font) as EmbeddedFont;
  const layoutCached = proto.layoutCached;
  proto.layoutCached = function (this: EmbeddedFont, text: string) {
    const key = this.font.stream.buffer;
    // A document that asked for no layout cache keeps pdfkit's own behaviour.
    if (!this.layoutCache || !cached.has(key)) return layoutCached.call(this, text);
    let byText = runs.get(key);
    if (!byText) runs.set(key, (byText = new Map()));
    let run = byText.get(text);
    if (!run) {
      if (byText.size >= MAX_SHARED_RUNS) byText.clear();
      run = this.layoutRun(text);
      byText.set(text, run);
    }
    return run;
  };
}

/** How many runs are shared for a font buffer (for tests). */
export function sharedRunCount(bytes: Uint8Array): number {
  return runs.get(bytes)?.size ?? 0;
}

/** Whether two font objects made from one buffer share their decoded tables (for tests). */
export function sharesParsedTables(a: object, b: object): boolean {
  return (a as TrueTypeFont)._tables === (b as TrueTypeFont)._tables;
}
