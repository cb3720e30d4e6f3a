import { execFileSync } from 'node:child_process';

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
