import type { Content, DynamicBackground } from 'pdfmake/interfaces';
import { FONT_FAMILY, glyphFont } from '../layout/fonts';
import { PAGE } from '../layout/gbt9704';
import { RenderInput, fitDocumentDefinition } from './render-document';
import { renderPdf } from './pdf-printer';

export const MASKED_COPY_MARK = '脱敏副本';

/**
 * A masked copy of an issued document for a reader who does not work the case: the same template
 * rendered from masked data (the caller masks it), marked on every page as a 脱敏副本 that is no
 * official document. It is never signed or archived, so it cannot pass for the original.
 */
export async function renderMaskedCopy(input: RenderInput): Promise<Buffer> {
  const { definition } = await fitDocumentDefinition(input);
  const own = definition.background as DynamicBackground | undefined;
  return renderPdf({
    ...definition,
    header: {
      text: `${MASKED_COPY_MARK}：个人信息已遮盖，非正式文书，不具法律效力`,
      font: FONT_FAMILY,
      fontSize: 9,
      color: '#c00000',
      alignment: 'center',
      margin: [0, 14, 0, 0],
    },
    // The diagonal mark is drawn as outlines: as text, pdftotext read its letters into the body.
    background: (page, size) =>
      [own?.(page, size) ?? null, { svg: watermark(), absolutePosition: { x: 0, y: 0 } }].filter(
        (c): c is Content => c !== null && c !== undefined,
      ),
    info: { ...definition.info, title: `${definition.info?.title ?? ''}（${MASKED_COPY_MARK}）` },
  });
}

/** 脱敏副本 across the page's diagonal, pale red, as glyph outlines (made once). */
let drawn: string | undefined;
export function watermark(): string {
  if (drawn) return drawn;
  const font = glyphFont();
  const { glyphs, advanceWidth } = font.layout(MASKED_COPY_MARK);
  const size = 96;
  const scale = size / font.unitsPerEm;
  const [cx, cy] = [PAGE.width / 2, PAGE.height / 2];
  const angle = (-Math.atan2(PAGE.height, PAGE.width) * 180) / Math.PI;
  let x = cx - (advanceWidth * scale) / 2;
  const paths = glyphs.map((glyph) => {
    // Font units grow upwards; SVG's y axis points down, hence the negative y scale.
    const path = `<path d="${glyph.path.toSVG()}" transform="translate(${x.toFixed(2)} ${(cy + size * 0.38).toFixed(2)}) scale(${scale.toFixed(5)} ${(-scale).toFixed(5)})"/>`;
    x += glyph.advanceWidth * scale;
    return path;
  });
  drawn = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${PAGE.width} ${PAGE.height}" width="${PAGE.width}" height="${PAGE.height}">`,
    `<g fill="#c00000" fill-opacity="0.12" transform="rotate(${angle.toFixed(2)} ${cx} ${cy})">`,
    ...paths,
    `</g></svg>`,
  ].join('');
  return drawn;
}
