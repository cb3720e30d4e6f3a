import { sealSvg } from '../layout/seal';
import { SvgOptions, replaySvg, scratchPdf, svgRecordings, svgToPdf } from './svg-replay';

const options = (size: number): SvgOptions => ({ width: size, height: size, assumePt: true, useCSS: false });

describe('SVG drawings replayed', () => {
  it('draws a seal, wherever it stands, into the bytes svg-to-pdfkit writes there', () => {
    const svg = sealSvg('平安县民政局');
    for (const [x, y, size] of [
      [341.402244, 556.559331, 119.055118],
      [0, 0, 119.055118],
      [57.5, 700.25, 90],
    ]) {
      const drawn = scratchPdf((doc) => svgToPdf(doc, svg, x, y, options(size)));
      let replayed = false;
      const bytes = scratchPdf((doc) => (replayed = replaySvg(doc, svg, x, y, options(size))));
      expect(replayed).toBe(true);
      expect(bytes.equals(drawn)).toBe(true);
    }
  });

  it('deflates a replayed group as pdfkit would, from the second document on from what it kept', () => {
    const svg = sealSvg('平安县城关镇人民政府');
    const drawn = scratchPdf((doc) => svgToPdf(doc, svg, 300, 500, options(119)), true);
    for (let i = 0; i < 2; i++)
      expect(scratchPdf((doc) => replaySvg(doc, svg, 300, 500, options(119)), true).equals(drawn)).toBe(true);
  });

  it('leaves to svg-to-pdfkit an SVG whose drawing it cannot replay', () => {
    const before = svgRecordings();
    const nested =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" height="10">' +
      '<g opacity="0.5"><g opacity="0.5"><rect width="5" height="5"/></g></g></svg>';
    const image =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" height="10">' +
      '<rect width="5" height="5" fill="url(#p)"/><pattern id="p" width="2" height="2"><rect width="1" height="1"/></pattern></svg>';
    for (const svg of [nested, image])
      expect(
        scratchPdf((doc) => expect(replaySvg(doc, svg, 10, 10, options(10))).toBe(false)).length,
      ).toBeGreaterThan(0);
    const after = svgRecordings();
    expect(after.recorded - before.recorded).toBe(2);
    expect(after.replayed).toBe(before.replayed);
  });
});
