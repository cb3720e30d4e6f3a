import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { loadTemplates } from '../templates/load-templates';
import { wordsOf } from '../testing/pdf-words';
import { fillRuns, layOutOnly, renderPdf, renderPdfmakeDrawn } from './pdf-printer';
import { fitDocumentDefinition } from './render-document';

import { sampleInput } from '../testing/sample-input';

const registry = loadTemplates(resolve(__dirname, '../../../../templates'));

/** The fitted document definition of a template's sample, numbered and dated as a real one. */
async function sampleDefinition(id: string) {
  const { definition } = await fitDocumentDefinition(sampleInput(registry.get(id)!));
  return definition;
}

describe('layout passes drawn later', () => {
  it.each(['confirmation-notice', 'benefit-stop-decision', 'dibao-application-form'])(
    'draws a laid-out %s into the bytes a straight render gives, once',
    async (id) => {
      const definition = await sampleDefinition(id);
      const laidOut = await layOutOnly(definition);
      const straight = await renderPdf(definition);
      expect((await laidOut.draw()).equals(straight)).toBe(true);
      await expect(laidOut.draw()).rejects.toThrow('文书版面已输出');
    },
  );
});

describe('drawing', () => {
  const square = (x: number, y: number, color = '#000000') => ({
    type: 'vector',
    item: { type: 'rect', x, y, w: 1, h: 1, lineWidth: 0, color },
  });

  it('fills consecutive opaque squares of one colour one by one in one graphics state', () => {
    const marker = { type: 'vector', item: { type: 'rect', x: 5, y: 5, w: 0, h: 0, color: '#ffffff' } };
    const text = { type: 'line', item: {} };
    const items = [
      marker,
      text,
      square(10.1, 20),
      square(11.1, 20),
      square(12.1, 20),
      square(14.1, 20),
      square(10.1, 21),
      square(10.1, 22, '#ff0000'),
      text,
    ];
    const merged = fillRuns(items);
    // A lone rectangle and what is not a filled rectangle stay pdfmake's.
    expect(merged[0]).toBe(marker);
    expect(merged[1]).toBe(text);
    expect(merged[2].item).toMatchObject({
      type: 'rects',
      color: '#000000',
      lineWidth: 0,
      rects: [
        { x: 10.1, y: 20, w: 1, h: 1 },
        { x: 11.1, y: 20, w: 1, h: 1 },
        { x: 12.1, y: 20, w: 1, h: 1 },
        { x: 14.1, y: 20, w: 1, h: 1 },
        { x: 10.1, y: 21, w: 1, h: 1 },
      ],
    });
    expect(merged.slice(3)).toEqual([square(10.1, 22, '#ff0000'), text]);
  });

  it('leaves rectangles that stroke, round, shade or show through one by one', () => {
    const items = [
      { type: 'vector', item: { ...square(0, 0).item, lineColor: '#000000' } },
      { type: 'vector', item: { ...square(1, 0).item, r: 2 } },
      { type: 'vector', item: { ...square(2, 0).item, fillOpacity: 0.5 } },
      { type: 'vector', item: { ...square(3, 0).item, linearGradient: ['#000', '#fff'] } },
      { type: 'vector', item: { ...square(4, 0).item, dash: { length: 1 } } },
    ];
    expect(fillRuns(items)).toEqual(items);
  });

  it("draws a document's verification QR code's modules in one graphics state, not each in its own", async () => {
    const { laidOut } = await fitDocumentDefinition(sampleInput(registry.get('confirmation-notice')!));
    const pdf = await laidOut.draw();
    const pages = contentStreams(pdf).filter((s) => s.includes(' Tf'));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      const modules = page.match(/ 1 1 re\nf\n/g)?.length ?? 0;
      // pdfmake sets line width, dash, join, cap, colour and opacity again for each of the ~440
      // dark modules; they are filled one after the other in one graphics state.
      expect(modules).toBeGreaterThan(400);
      expect(page.match(/ re\n/g)!.length - modules).toBeLessThan(10);
    }
  });
});

describe('drawing text', () => {
  it.each(['confirmation-notice', 'benefit-stop-decision', 'dibao-application-form'])(
    "sets a line's characters of one font in one text object, each where pdfmake sets it (%s)",
    async (id) => {
      const definition = await sampleDefinition(id);
      const drawn = await renderPdf(definition);
      const pdfmake = await renderPdfmakeDrawn(definition);
      const dir = mkdtempSync(join(tmpdir(), 'sa-draw-'));
      writeFileSync(join(dir, 'drawn.pdf'), drawn);
      writeFileSync(join(dir, 'pdfmake.pdf'), pdfmake);
      // What a reader sees: every word, in the same box, on the same page; the same named destinations.
      expect(wordsOf(join(dir, 'drawn.pdf'))).toEqual(wordsOf(join(dir, 'pdfmake.pdf')));
      const destinations = (pdf: Buffer) =>
        pdf
          .toString('latin1')
          .match(/\(block-[\w-]+\)/g)
          ?.sort();
      expect(destinations(drawn)).toEqual(destinations(pdfmake));
      const count = (pdf: Buffer, op: string) =>
        contentStreams(pdf).reduce(
          (n, page) => n + (page.match(new RegExp(`\\n${op}\\n`, 'g'))?.length ?? 0),
          0,
        );
      expect(count(pdfmake, 'BT')).toBe(count(pdfmake, 'ET'));
      expect(count(drawn, 'BT') * 2).toBeLessThan(count(pdfmake, 'BT'));
    },
  );
});

/** The inflated content of every Flate stream of a PDF. */
function contentStreams(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const out: string[] = [];
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = text.indexOf('endstream', start);
    try {
      out.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // Not a Flate stream (or a font's binary program).
    }
  }
  return out;
}
