import { fontFiles, glyphFont, textWidth } from './fonts';

/* eslint-disable @typescript-eslint/no-require-imports */
const pdfkitFontkit = require(
  require.resolve('fontkit', {
    paths: [require.resolve('pdfkit', { paths: [require.resolve('pdfmake/js/Printer')] })],
  }),
) as { create(b: Uint8Array): object };

describe('outline fonts: measured and drawn with the fontkit pdfkit embeds with', () => {
  it('is one fontkit per thread: the seal face is a font of pdfkit’s fontkit, not of another copy', () => {
    const [regular] = fontFiles().values();
    // A second copy of fontkit (and its restructure) is code every pool thread compiles again.
    expect(Object.getPrototypeOf(glyphFont())).toBe(Object.getPrototypeOf(pdfkitFontkit.create(regular)));
  });

  it('measures a line as pdfkit sets it: 12 ideographs at 16 pt are 12 em', () => {
    expect(textWidth('最低生活保障确认通知书。', 16)).toBe(12 * 16);
  });
});
