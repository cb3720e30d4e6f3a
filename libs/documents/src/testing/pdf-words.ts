import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A word of a produced PDF as pdftotext reads it. */
export interface Word {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

/**
 * pdftotext's word boxes, in points from the page's top left (pdfmake's coordinates); a box starts
 * at the font's ascender. For the layout specs, which check what a reader of the PDF sees.
 */
export function wordsOf(file: string): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  const words: Word[] = [];
  html.split('<page ').forEach((chunk, i) => {
    if (i === 0) return;
    const re = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
    for (const m of chunk.matchAll(re))
      words.push({ page: i, xMin: +m[1], yMin: +m[2], xMax: +m[3], yMax: +m[4], text: m[5] });
  });
  return words;
}

/** Page `page` of a PDF rasterised in colour at `dpi` (pdftoppm's PPM): its size and RGB bytes. */
export function rasterPage(
  file: string,
  page: number,
  dpi: number,
  workDir: string,
): { width: number; height: number; data: Buffer } {
  const base = join(workDir, `raster-${Math.random().toString(36).slice(2, 8)}`);
  execFileSync('pdftoppm', [
    '-r',
    String(dpi),
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    file,
    base,
  ]);
  const ppm = readFileSync(`${base}.ppm`);
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 50).toString('latin1'))!;
  return { width: Number(header[1]), height: Number(header[2]), data: ppm.subarray(header[0].length) };
}
