/**
 * Drafts of templates edited in the studio: compile with errors a legal officer can act on
 * (the line of a Handlebars error), a legal-completeness lint, and a preview PDF that can
 * never be mistaken for an issued document (watermark, no 文号).
 */
import { FONT_FAMILY } from '../layout/fonts';
import { buildDocumentDefinition, renderBareDocDefinition } from '../render/render-document';
import { buildTemplate, TemplateLoadError } from '../templates/load-templates';
import { LoadedTemplate, TemplateManifest } from '../templates/template-types';
import { TemplateDataError } from '../templates/validate-data';

export interface DraftIssue {
  field: string;
  message: string;
}

/** Thrown for a draft that cannot be built or rendered; `details` name the field (and line). */
export class TemplateDraftError extends Error {
  constructor(
    message: string,
    readonly details: DraftIssue[],
  ) {
    super(message);
    this.name = 'TemplateDraftError';
  }
}

/** Optional manifest list of phrases the text must contain (e.g. 法定告知事项). */
interface ManifestWithRequirements extends TemplateManifest {
  requiredElements?: unknown;
}

/**
 * Opens a placeholder for a citation only the region can supply (e.g. the provincial 低收入人口认定办法):
 * a template carrying one is flagged until the region's own release fills it in.
 */
export const UNSET_MARK = '【待设置';

/** Printed on top of every preview so a print-out cannot pass as an issued document. */
export const PREVIEW_MARK = '【预览稿：未编号、未生效，不得作为正式文书使用】';

export function manifestText(manifest: unknown): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** "Parse error on line 3:" / "… - 3:12" → 3 */
function handlebarsLine(message: string): number | undefined {
  const match = /on line (\d+)/.exec(message) ?? /- (\d+):\d+/.exec(message);
  return match ? Number(match[1]) : undefined;
}

/** Builds a draft exactly as the loader would, turning its failures into field errors. */
export function buildDraft(manifest: unknown, body: string): LoadedTemplate {
  if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) {
    throw new TemplateDraftError('模板说明（manifest）应为 JSON 对象', [
      { field: 'manifest', message: '应为 JSON 对象' },
    ]);
  }
  const id = String((manifest as { id?: unknown }).id ?? '');
  // The id names a directory under templates/ when published: never a path.
  if (!/^[a-z][a-z0-9-]{0,63}$/.test(id)) {
    throw new TemplateDraftError('模板说明中的 id 格式不正确', [
      { field: 'manifest', message: 'manifest.id 只能包含小写字母、数字和横线，并以字母开头' },
    ]);
  }
  try {
    return buildTemplate(id, manifestText(manifest), body);
  } catch (err) {
    if (!(err instanceof TemplateLoadError)) throw err;
    const inBody = /body\.hbs|渲染失败|救济/.test(err.message);
    const line = inBody ? handlebarsLine(err.message) : undefined;
    const message = line ? `正文第 ${line} 行有误：${err.message}` : err.message;
    return raise(message, inBody ? 'body' : 'manifest');
  }
}

function raise(message: string, field: string): never {
  throw new TemplateDraftError(message, [{ field, message }]);
}

/**
 * Cheap legal-completeness checks on top of what the loader enforces (remedy sentences):
 * phrases the manifest requires, the remedy time limits, and the legal basis in decisions.
 */
export function lintDraft(template: LoadedTemplate): DraftIssue[] {
  const issues: DraftIssue[] = [];
  const manifest = template.manifest as ManifestWithRequirements;
  const text = template.renderMarkup(manifest.sample);
  if (manifest.requiredElements !== undefined) {
    if (!Array.isArray(manifest.requiredElements)) {
      issues.push({ field: 'manifest', message: 'requiredElements 应为文字列表' });
    } else {
      for (const phrase of manifest.requiredElements) {
        if (typeof phrase === 'string' && !text.includes(phrase))
          issues.push({ field: 'body', message: `正文缺少必备内容“${phrase}”（manifest.requiredElements）` });
      }
    }
  }
  if (manifest.remedy) {
    if (!/六十日|60日/.test(text))
      issues.push({ field: 'body', message: '救济告知缺少行政复议期限（六十日）' });
    if (!/六个月|6个月/.test(text))
      issues.push({ field: 'body', message: '救济告知缺少行政诉讼期限（六个月）' });
  }
  // The body too: a template shared by programs may cite the placeholder for one of them only.
  const unset = [manifest.legalBasis, text, template.body].join('\n').match(/【待设置[^】]*】/);
  if (unset)
    issues.push({
      field: 'manifest',
      message: `法律依据尚未设置：${unset[0]}。请在本地区发布的模板版本中写明本省（自治区、直辖市）文件的名称、文号和条款`,
    });
  if (manifest.documentType === 'decision' && !template.body.includes('@legalBasis'))
    issues.push({ field: 'body', message: '决定书正文未引用法律依据（{{@legalBasis}}）' });
  return issues;
}

/** Renders a preview PDF: sample (or given) data, no 文号, watermarked “预览”. */
export async function renderPreview(
  template: LoadedTemplate,
  data: Record<string, unknown>,
  issuedAt: Date,
): Promise<Buffer> {
  let definition;
  try {
    definition = buildDocumentDefinition({
      template,
      data,
      issuedAt,
      verifyCode: 'PREVIEW',
      verifyUrl: 'https://preview.invalid/',
    });
  } catch (err) {
    if (err instanceof TemplateDataError) {
      throw new TemplateDraftError(
        `示例数据不完整：${err.details[0]?.message ?? ''}`,
        err.details.map((d) => ({ field: `data.${d.field}`, message: d.message })),
      );
    }
    const line = handlebarsLine((err as Error).message);
    return raise(`${line ? `正文第 ${line} 行` : '正文'}渲染失败：${(err as Error).message}`, 'body');
  }
  definition.watermark = { text: '预览', color: '#D8140C', opacity: 0.12, bold: true, font: FONT_FAMILY };
  // In the page header (inside the 37 mm top margin), so the preview paginates like the real document.
  definition.header = {
    text: PREVIEW_MARK,
    color: '#D8140C',
    fontSize: 10,
    alignment: 'center',
    margin: [0, 40, 0, 0],
  };
  return renderBareDocDefinition(definition);
}
