import { sealArc, sealSvg } from './seal';

/** The seal's geometry in its 200-unit box: ring r = 94, 6 wide; star up to r = 30. */
const RING_INNER = 94 - 3;

describe('seal', () => {
  it.each(['平安县民政局', '平安县城关镇人民政府', '平安县城关镇人民政府社会救助专用章', '民政局'])(
    'keeps every glyph of "%s" inside the ring, clear of the star and of its neighbours',
    (text) => {
      const glyphs = sealArc(text);
      expect(glyphs.map((g) => g.ch).join('')).toBe(text);
      for (const g of glyphs) {
        const width = g.size * g.compress;
        const top = g.baseline + 0.88 * g.size;
        // The outer corners are the farthest points of a glyph from the centre.
        expect(Math.hypot(top, width / 2)).toBeLessThan(RING_INNER);
        expect(g.baseline - 0.12 * g.size).toBeGreaterThan(30);
      }
      for (let i = 1; i < glyphs.length; i++) {
        const inner = glyphs[i].baseline - 0.12 * glyphs[i].size;
        const chord = 2 * inner * Math.sin(((glyphs[i].angle - glyphs[i - 1].angle) * Math.PI) / 360);
        expect(chord).toBeGreaterThanOrEqual(glyphs[i].size * glyphs[i].compress);
      }
      const span = glyphs.length > 1 ? glyphs[glyphs.length - 1].angle - glyphs[0].angle : 0;
      expect(span).toBeLessThanOrEqual(250);
      // Symmetric about the top.
      expect(glyphs[0].angle + glyphs[glyphs.length - 1].angle).toBeCloseTo(0, 6);
    },
  );

  it('draws the name as outlines, never as text', () => {
    const svg = sealSvg('平安县城关镇人民政府');
    expect(svg).not.toMatch(/<text/);
    expect(svg.match(/<path /g)).toHaveLength(10);
    expect(svg).not.toMatch(/[\u4e00-\u9fa5]/);
  });

  it('refuses a name too long to engrave legibly', () => {
    expect(() => sealArc('字'.repeat(40))).toThrow('印章文字过长');
  });
});
