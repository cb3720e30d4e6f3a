import { SEAL_RED } from './gbt9704';
import { FONT_FAMILY } from './fonts';

/**
 * A vector image of an official round seal: ring, five-pointed star, agency name along the
 * upper arc. It is a visual cue only; legal authenticity comes from the PDF signature.
 */
export function sealSvg(agencyName: string): string {
  const c = 100;
  const chars = Array.from(agencyName);
  const n = chars.length;
  const fontSize = n > 12 ? 20 : n > 8 ? 24 : 27;
  const span = n <= 1 ? 0 : Math.min(250, 32 * (n - 1));
  const step = n <= 1 ? 0 : span / (n - 1);
  const baselineRadius = 63;

  const letters = chars
    .map((ch, i) => {
      const angle = -span / 2 + i * step;
      return `<text x="${c}" y="${c - baselineRadius}" font-family="${FONT_FAMILY}" font-weight="bold" font-size="${fontSize}" text-anchor="middle" fill="${SEAL_RED}" transform="rotate(${round(angle)} ${c} ${c})">${escapeXml(ch)}</text>`;
    })
    .join('');

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200">`,
    `<g opacity="0.85">`,
    `<circle cx="${c}" cy="${c}" r="94" fill="none" stroke="${SEAL_RED}" stroke-width="6"/>`,
    `<polygon points="${starPoints(c, c + 4, 30, 12)}" fill="${SEAL_RED}"/>`,
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

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
