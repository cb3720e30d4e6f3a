import { resolve } from 'node:path';
import { fontFiles } from '../layout/fonts';
import { loadTemplates } from '../templates/load-templates';
import { sharedRunCount, sharedSubsetGlyphCount, sharesParsedTables } from './font-cache';
import { renderDocument } from './render-document';
import { sampleInput } from '../testing/sample-input';

/* eslint-disable @typescript-eslint/no-require-imports */
const registry = loadTemplates(resolve(__dirname, '../../../../templates'));
const fontkit = require(
  require.resolve('fontkit', {
    paths: [require.resolve('pdfkit', { paths: [require.resolve('pdfmake/js/Printer')] })],
  }),
) as { create(b: Uint8Array): object };

const render = (id: string) => renderDocument(sampleInput(registry.get(id)!));

describe('parsed font cache, glyph runs and subset glyphs', () => {
  const ids = ['confirmation-notice', 'non-confirmation-decision', 'home-visit-record'];

  it('gives the bytes an uncached render gives, and fonts made from one buffer share its parsed tables', async () => {
    // This file's module registry is fresh: the first renders run before the cache is installed.
    process.env.DOCUMENT_FONT_CACHE = '0';
    const uncached = await Promise.all(ids.map(render));
    const [regular] = fontFiles().values();
    expect(sharesParsedTables(fontkit.create(regular), fontkit.create(regular))).toBe(false);
    expect(sharedRunCount(regular)).toBe(0);
    expect(sharedSubsetGlyphCount(regular)).toBe(0);

    delete process.env.DOCUMENT_FONT_CACHE;
    for (const [i, id] of ids.entries()) expect((await render(id)).equals(uncached[i])).toBe(true);
    // In reverse order too: a glyph first met in another document must not change the bytes.
    for (const [i, id] of [...ids.entries()].reverse())
      expect((await render(id)).equals(uncached[i])).toBe(true);
    expect(sharesParsedTables(fontkit.create(regular), fontkit.create(regular))).toBe(true);
    // The bytes above came from shared glyph runs and subset glyphs.
    expect(sharedRunCount(regular)).toBeGreaterThan(100);
    expect(sharedSubsetGlyphCount(regular)).toBeGreaterThan(100);
  });
});
