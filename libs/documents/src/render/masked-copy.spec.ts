import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadTemplates } from '../templates/load-templates';
import { rasterPage } from '../testing/pdf-words';
import { MASKED_COPY_MARK, renderMaskedCopy } from './masked-copy';

import { sampleInput } from '../testing/sample-input';

const registry = loadTemplates(resolve(__dirname, '../../../../templates'));
const workDir = mkdtempSync(join(tmpdir(), 'docs-masked-'));

async function maskedCopyOf(id: string): Promise<string> {
  const file = join(workDir, `${id}.pdf`);
  writeFileSync(file, await renderMaskedCopy(sampleInput(registry.get(id)!)));
  return file;
}

describe('a 脱敏副本 (issue 17 F6: its mark read into the body text)', () => {
  it.each(['confirmation-notice', 'acceptance-notice'])(
    '%s: the diagonal mark is drawn, not text; the header line names the copy on every page',
    async (id) => {
      const file = await maskedCopyOf(id);
      const pages = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).split('\f');
      const printed = pages.filter((p) => p.trim());
      for (const page of printed) {
        // Only the header's own line carries the words; no stray 脱/敏/副/本 between body lines.
        expect(page.split(MASKED_COPY_MARK).length - 1).toBe(1);
        const strays = page.split('\n').filter((line) => /^[脱敏副本\s]+$/.test(line.trim()) && line.trim());
        expect(strays).toEqual([]);
      }
      // Pale red ink at the centre of page 1, where the mark crosses the page.
      const { width, height, data } = rasterPage(file, 1, 36, workDir);
      let reddish = 0;
      for (let y = Math.floor(height * 0.4); y < height * 0.6; y++)
        for (let x = Math.floor(width * 0.3); x < width * 0.7; x++) {
          const i = (y * width + x) * 3;
          if (data[i] > 235 && data[i + 1] < 235 && data[i + 1] > 180 && data[i + 2] < 235) reddish++;
        }
      expect(reddish).toBeGreaterThan(50);
    },
  );
});
