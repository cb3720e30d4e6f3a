import { SEAL_RED } from './gbt9704';
import { glyphFont } from './fonts';

/** The seal's drawing box: 200 × 200 units, centre (100, 100). */
const C = 100;
const RING_RADIUS = 94;
const RING_WIDTH = 6;
/** Glyph outlines stay this far inside the ring's inner edge, corners included. */
const CLEAR = 5;
const INNER = RING_RADIUS - RING_WIDTH / 2 - CLEAR;
/** The star's top, which the arc's glyphs must not reach. */
const STAR_TOP = 30;
/** Widest arc a seal's text takes: from about eight o'clock to four o'clock. */
const MAX_SPAN_DEG = 250;
/** Seals print narrow, tall characters; below this the text is no longer legible. */
const MIN_COMPRESS = 0.55;

export interface SealGlyph {
  ch: string;
  /** Angle from the top, degrees, clockwise. */
  angle: number;
  /** Em box (font size) and horizontal compression of the glyph. */
  size: number;
  compress: number;
  /** Radius of the baseline. */
  baseline: number;
}

/**
 * Lays the organ's name along the upper arc, so every glyph (its corners included) stays inside
 * the ring and above the star: the glyphs grow as large as the ring allows, and a long name
 * first narrows its glyphs (as seal engravers do) and then takes a smaller size, instead of
 * running past the ring.
 */
export function sealArc(text: string): SealGlyph[] {
  const chars = Array.from(text);
  const n = chars.length;
  if (n === 0) return [];
  // Ideographs sit in a box 0.88 em above and 0.12 em below the baseline.
  const ASC = 0.88;
  const DESC = 0.12;
  // Below 16 units (about 9.5 pt printed) a seal's characters no longer read.
  for (let size = 30; size >= 16; size -= 0.5) {
    for (let compress = 1; compress >= MIN_COMPRESS - 1e-9; compress -= 0.05) {
      const width = size * compress;
      // The outer corners of a glyph are the farthest points from the centre.
      const top = Math.sqrt(INNER * INNER - (width / 2) ** 2);
      const baseline = top - ASC * size;
      if (baseline - DESC * size < STAR_TOP + 6) continue;
      // Glyphs are spaced by their inner (narrowest) chord, plus a small gap, so they never touch.
      const inner = baseline - DESC * size;
      const step = (2 * Math.asin(Math.min(1, (width * 1.12) / 2 / inner)) * 180) / Math.PI;
      const span = step * (n - 1);
      if (span + step > MAX_SPAN_DEG) continue;
      return chars.map((ch, i) => ({ ch, angle: -span / 2 + i * step, size, compress, baseline }));
    }
  }
  throw new Error(`印章文字过长，无法排入印章：${text}`);
}

/**
 * A vector image of an official round seal: ring, five-pointed star, the organ's name along the
 * upper arc. The name is drawn as glyph outlines, not text, so the seal never enters the text
 * layer (a text extractor reads the body without seal characters mixed in). It is a visual cue
 * only; legal authenticity comes from the PDF signature.
 */
export function sealSvg(sealText: string): string {
  // Drawn again for every layout pass of every document otherwise; an organ's seal does not change.
  let svg = drawn.get(sealText);
  if (svg === undefined) {
    if (drawn.size >= MAX_DRAWN) drawn.delete(drawn.keys().next().value!);
    drawn.set(sealText, (svg = drawSeal(sealText)));
  }
  return svg;
}

/** More organs than one thread issues for; a seal past it is drawn again. */
export const MAX_DRAWN = 64;
const drawn = new Map<string, string>();

function drawSeal(sealText: string): string {
  const font = glyphFont();
  const letters = sealArc(sealText)
    .map((g) => {
      const glyph = font.layout(g.ch).glyphs[0];
      if (!glyph) return '';
      const scale = g.size / font.unitsPerEm;
      const advance = glyph.advanceWidth * scale * g.compress;
      // Font units grow upwards; SVG's y axis points down, hence the negative y scale.
      const transform = [
        `rotate(${round(g.angle)} ${C} ${C})`,
        `translate(${round(C - advance / 2)} ${round(C - g.baseline)})`,
        `scale(${round4(scale * g.compress)} ${round4(-scale)})`,
      ].join(' ');
      return `<path d="${glyph.path.toSVG()}" transform="${transform}" fill="${SEAL_RED}"/>`;
    })
    .join('');

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200">`,
    `<g opacity="0.85">`,
    `<circle cx="${C}" cy="${C}" r="${RING_RADIUS}" fill="none" stroke="${SEAL_RED}" stroke-width="${RING_WIDTH}"/>`,
    `<polygon points="${starPoints(C, C + 4, 30, 12)}" fill="${SEAL_RED}"/>`,
    letters,
    `</g></svg>`,
  ].join('');
}

function starPoints(cx: number, cy: number, outer: number, inner: number): string {
  const pts: string[] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const a = (Math.PI / 5) * i - Math.PI / 2;
    pts.push(`${round(cx + r * Math.cos(a))},${round(cy + r * Math.sin(a))}`);
  }
  return pts.join(' ');
}

const round = (v: number) => Math.round(v * 100) / 100;
const round4 = (v: number) => Math.round(v * 10000) / 10000;
