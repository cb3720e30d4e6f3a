/*
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

/** The documents in flight in one thread; older QR codes are encoded again if asked for. */
export const MAX_QR_CODES = 16;
const OPTIONS = ['version', 'eccLevel', 'mode', 'mask', 'fit', 'padding', 'foreground', 'background'];
const codes = new Map<string, { canvas: Vector[]; size: number }>();
let installed = false;

/** Makes pdfmake's QR measurement reuse the modules of a QR code it measured before. */
export function shareQrMatrices(): void {
  if (installed) return;
  installed = true;
  const encoder = (require('pdfmake/js/qrEnc.js') as { default: QrEncoder }).default;
  const measure = encoder.measure;
  encoder.measure = (node) => {
    const key = JSON.stringify([node.qr, ...OPTIONS.map((k) => (node as unknown as Record<string, unknown>)[k])]);
    let code = codes.get(key);
    if (!code) {
      const measured = measure(node);
      code = { canvas: measured._canvas!.map((v) => ({ ...v })), size: measured._width! };
      if (codes.size >= MAX_QR_CODES) codes.delete(codes.keys().next().value!);
      codes.set(key, code);
    }
    node._canvas = code.canvas.map((v) => ({ ...v }));
    node._width = node._height = node._minWidth = node._maxWidth = node._minHeight = node._maxHeight = code.size;
    return node;
  };
}

/** How many QR codes are kept (for tests). */
export const keptQrCodes = (): number => codes.size;
