import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadTemplates } from '../templates/load-templates';
import { MARGIN, PAGE, SIZE } from '../layout/gbt9704';
import { renderDocument } from './render-document';
import { rasterPage, wordsOf } from '../testing/pdf-words';

/*
 * GB/T 9704 §7.3.5.1: the seal presses, centred, on the 署名 and the 成文日期, the date 右空四字.
 * Measured in the produced PDF: the words from pdftotext, the seal's ring from the page's red
 * pixels (issue 17 F5: a 10-character 署名 stuck out of both sides of the ring).
 */
const registry = loadTemplates(resolve(__dirname, '../../../../templates'));
const workDir = mkdtempSync(join(tmpdir(), 'docs-seal-'));
const DPI = 144;

/** Left and right edges, in points, of the red drawn between `top` and `bottom` right of `fromX`. */
function redExtent(file: string, page: number, top: number, bottom: number, fromX: number) {
  const { width, data } = rasterPage(file, page, DPI, workDir);
  const px = (pt: number) => Math.round((pt * DPI) / 72);
  let left = Infinity;
  let right = -Infinity;
  for (let y = px(top); y < px(bottom); y++)
    for (let x = px(fromX); x < width; x++) {
      const o = (y * width + x) * 3;
      if (data[o] > 150 && data[o + 1] < 110 && data[o + 2] < 110) {
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
    }
  return { left: (left * 72) / DPI, right: ((right + 1) * 72) / DPI };
}

describe('the 署名 under the seal (GB/T 9704 §7.3.5.1)', () => {
  it.each([
    ['acceptance-notice', '平安县城关镇人民政府'],
    ['non-confirmation-decision', '平安县民政局'],
  ])('%s: the 署名 (%s) stays inside the seal, the date 右空四字', async (id, organ) => {
    const template = registry.get(id)!;
    const file = join(workDir, `${id}.pdf`);
    writeFileSync(
      file,
      await renderDocument({
        template,
        data: structuredClone(template.manifest.sample) as Record<string, unknown>,
        issuedAt: new Date('2026-11-23T09:00:00+08:00'),
        verifyCode: 'K7Q2-9MXD',
        verifyUrl: 'https://jiuzhu.example.gov.cn/v/K7Q2-9MXD',
      }),
    );
    const words = wordsOf(file);
    const date = words.filter((w) => w.text === '2026年11月23日').pop()!;
    const typeRight = PAGE.width - MARGIN.right;
    expect(Math.abs(date.xMax - (typeRight - 4 * SIZE.body))).toBeLessThan(1.5);
    // The 署名: the lines right above the date, over its column, that spell the organ's name.
    const lines = words
      .filter((w) => w.page === date.page && w.yMin < date.yMin && date.yMin - w.yMin < 3 * SIZE.body * 2)
      .filter((w) => w.xMax > date.xMin && w.xMin < date.xMax && organ.includes(w.text));
    expect(lines.map((w) => w.text).join('')).toBe(organ);
    const seal = redExtent(
      file,
      date.page,
      lines[0].yMin - 60,
      // Above a 信函's lower double line.
      date.yMin + 62,
      (MARGIN.left + typeRight) / 2,
    );
    // A seal is 42 mm (119 pt) across; its ring's faint edge does not count as red.
    expect(seal.right - seal.left).toBeGreaterThan(110);
    for (const line of lines) {
      expect(line.xMin).toBeGreaterThan(seal.left);
      expect(line.xMax).toBeLessThan(seal.right);
    }
    // Centred on the 署名 and the date.
    expect(Math.abs((seal.left + seal.right) / 2 - (date.xMin + date.xMax) / 2)).toBeLessThan(1.5);
  });
});
