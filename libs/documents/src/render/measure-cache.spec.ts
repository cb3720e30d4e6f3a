import { MAX_KEPT, keptMeasurements, shareMeasurements } from './measure-cache';

/* eslint-disable @typescript-eslint/no-require-imports */
type Node = {
  qr: string;
  fit?: number;
  eccLevel?: string;
  _canvas?: { x: number; y: number }[];
  _width?: number;
};
const qrEncoder = (require('pdfmake/js/qrEnc.js') as { default: { measure(n: Node): Node } }).default;
const SvgMeasure = (require('pdfmake/js/SVGMeasure') as { default: new () => SvgMeasurer }).default;
interface SvgMeasurer {
  measureSVG(svg: string): { width?: number; height?: number };
  writeDimensions(svg: string, d: { width: number; height: number }): string;
}

// This file's module registry is fresh: pdfmake's own measurements, before they are shared.
const measureQr = qrEncoder.measure;
const { measureSVG, writeDimensions } = SvgMeasure.prototype;
shareMeasurements();

const qr = (url: string, eccLevel = 'M'): Node => ({ qr: url, fit: 40, eccLevel });
const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><circle cx="100" cy="100" r="94"/></svg>';

describe('pdfmake measurements kept between layout passes', () => {
  it('gives a QR code the modules pdfmake encodes, a copy for each measurement', () => {
    const url = 'https://jiuzhu.example.gov.cn/v/K7Q2-9MXD';
    const first = qrEncoder.measure(qr(url));
    expect(first).toEqual(measureQr(qr(url)));
    // pdfmake moves a measured QR's squares into place on the page.
    for (const square of first._canvas!) square.x += 300;
    const again = qrEncoder.measure(qr(url));
    expect(again).toEqual(measureQr(qr(url)));
    expect(again._canvas![1]).not.toBe(first._canvas![1]);
    // Another URL or error correction level is another code.
    expect(qrEncoder.measure(qr(`${url}X`))._canvas).toEqual(measureQr(qr(`${url}X`))._canvas);
    expect(qrEncoder.measure(qr(url, 'H'))).toEqual(measureQr(qr(url, 'H')));
  });

  it('keeps no more than MAX_KEPT QR codes, the latest', () => {
    for (let i = 0; i <= MAX_KEPT; i++) qrEncoder.measure(qr(`https://jiuzhu.example.gov.cn/v/${i}`));
    expect(keptMeasurements().qr).toBe(MAX_KEPT);
    const latest = qr(`https://jiuzhu.example.gov.cn/v/${MAX_KEPT}`);
    expect(qrEncoder.measure(latest)).toEqual(measureQr(qr(latest.qr)));
  });

  it("reads an SVG's size and writes the size it is drawn at as pdfmake does", () => {
    const measurer = new SvgMeasure();
    const size = measurer.measureSVG(SVG);
    expect(size).toEqual(measureSVG.call(measurer, SVG));
    size.width = 1;
    expect(measurer.measureSVG(SVG)).toEqual(measureSVG.call(measurer, SVG));
    for (const d of [
      { width: 120, height: 120 },
      { width: 60, height: 60 },
      { width: 120, height: 120 },
    ])
      expect(measurer.writeDimensions(SVG, d)).toBe(writeDimensions.call(measurer, SVG, d));
    expect(keptMeasurements().svg).toBe(1);
  });
});
