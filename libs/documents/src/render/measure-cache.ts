/*
 * What pdfmake works out again for every layout pass of the fitting and every document, although
 * it depends only on the node: a QR code's modules and an SVG's dimensions.
 *
 * pdfmake encodes a QR code (Reed–Solomon, the eight masks scored) every time it measures one:
 * for the verification QR in every page's footer, in every layout pass of the fitting. One
 * document's passes encode the same URL; the modules are kept per QR (text and drawing options)
 * and each measurement gets its own copy, since pdfmake moves the copy's squares into place.
 */

/* eslint-disable @typescript-eslint/no-require-imports */
interface Vector {
  x: number;
  y: number;
}
interface QrNode {
  qr: string;
  _canvas?: Vector[];
  _width?: number;
  _height?: number;
  _minWidth?: number;
  _maxWidth?: number;
  _minHeight?: number;
  _maxHeight?: number;
}
interface QrEncoder {
  measure(node: QrNode): QrNode;
}

/** The documents in flight in one thread; older entries are worked out again if asked for. */
export const MAX_KEPT = 16;
const OPTIONS = ['version', 'eccLevel', 'mode', 'mask', 'fit', 'padding', 'foreground', 'background'];
const codes = new Map<string, { canvas: Vector[]; size: number }>();
let installed = false;

function keep<V>(map: Map<string, V>, key: string, value: V): void {
  if (map.size >= MAX_KEPT) map.delete(map.keys().next().value!);
  map.set(key, value);
}

/** Makes pdfmake reuse what it measured of a QR code or an SVG image before. */
export function shareMeasurements(): void {
  if (installed) return;
  installed = true;
  shareQrMatrices();
  shareSvgMeasurements();
}

function shareQrMatrices(): void {
  const encoder = (require('pdfmake/js/qrEnc.js') as { default: QrEncoder }).default;
  const measure = encoder.measure;
  encoder.measure = (node) => {
    const key = JSON.stringify([
      node.qr,
      ...OPTIONS.map((k) => (node as unknown as Record<string, unknown>)[k]),
    ]);
    let code = codes.get(key);
    if (!code) {
      const measured = measure(node);
      code = { canvas: measured._canvas!.map((v) => ({ ...v })), size: measured._width! };
      keep(codes, key, code);
    }
    node._canvas = code.canvas.map((v) => ({ ...v }));
    node._width =
      node._height =
      node._minWidth =
      node._maxWidth =
      node._minHeight =
      node._maxHeight =
        code.size;
    return node;
  };
}

/*
 * pdfmake parses an SVG string (XML) to read its size, then parses it again to write the size it
 * is drawn at and serializes it back: for the seal, in every pass. Both answers depend only on
 * the string (and the size asked for).
 */
interface SvgMeasure {
  measureSVG(svg: unknown): { width?: number; height?: number };
  writeDimensions(svg: unknown, dimensions: { width: number; height: number }): unknown;
}
const sizes = new Map<string, { width?: number; height?: number }>();
const written = new Map<string, string>();

function shareSvgMeasurements(): void {
  const proto = (require('pdfmake/js/SVGMeasure') as { default: { prototype: SvgMeasure } }).default
    .prototype;
  const { measureSVG, writeDimensions } = proto;
  proto.measureSVG = function (this: SvgMeasure, svg) {
    if (typeof svg !== 'string') return measureSVG.call(this, svg);
    let size = sizes.get(svg);
    if (!size) keep(sizes, svg, (size = measureSVG.call(this, svg)));
    return { ...size };
  };
  proto.writeDimensions = function (this: SvgMeasure, svg, dimensions) {
    if (typeof svg !== 'string') return writeDimensions.call(this, svg, dimensions);
    const key = `${dimensions.width} ${dimensions.height} ${svg}`;
    let out = written.get(key);
    if (out === undefined) keep(written, key, (out = writeDimensions.call(this, svg, dimensions) as string));
    return out;
  };
}

/** How many QR codes and SVG sizes are kept (for tests). */
export const keptMeasurements = (): { qr: number; svg: number } => ({ qr: codes.size, svg: sizes.size });
