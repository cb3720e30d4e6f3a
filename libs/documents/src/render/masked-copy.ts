import { FONT_FAMILY } from '../layout/fonts';
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
    watermark: { text: MASKED_COPY_MARK, font: FONT_FAMILY, color: '#c00000', opacity: 0.12, bold: false },
    info: { ...definition.info, title: `${definition.info?.title ?? ''}（${MASKED_COPY_MARK}）` },
  });
}
