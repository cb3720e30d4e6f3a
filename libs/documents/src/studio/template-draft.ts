/**
 * Drafts of templates edited in the studio: compile with errors a legal officer can act on
 * (the line of a Handlebars error), a legal-completeness lint, and a preview PDF that can
 * never be mistaken for an issued document (watermark, no 文号).
 */
import { FONT_FAMILY } from '../layout/fonts';
import { fitDocumentDefinition, renderBareDocDefinition } from '../render/render-document';
import { decisionBasisProblem, defaultBasisMissing } from '../templates/decision-basis';
import { buildTemplate, TemplateLoadError } from '../templates/load-templates';
import { LoadedTemplate, TemplateManifest } from '../templates/template-types';
import { TemplateDataError } from '../templates/validate-data';
import {
  InstrumentKey,
  REGIONAL_INSTRUMENTS,
  UNSET_MARK,
  instrumentsUsed,
  unsetInstrumentAdvice,
} from '../templates/instruments';
import { templateSyntaxProblem } from './handlebars-errors';

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

export { UNSET_MARK };

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
  const syntax = templateSyntaxProblem(body);
  if (syntax) raise(`正文${syntax.message}`, 'body');
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
export function lintDraft(
  template: LoadedTemplate,
  options: {
    /** Instruments not set in the policy parameters in force somewhere the template will be issued. */
    unsetInstruments?: readonly InstrumentKey[];
  } = {},
): DraftIssue[] {
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
      message: `法律依据尚未设置：${unset[0]}。本地区文件应写成 {{instrument "lowIncome"}}（取自救助政策参数），示例数据应在 instruments 中给出它的引文`,
    });
  for (const key of instrumentsUsed(template)) {
    if (!options.unsetInstruments?.includes(key)) continue;
    issues.push({
      field: 'manifest',
      message: `本模板引用的${REGIONAL_INSTRUMENTS[key].name}尚未设置（救助政策参数 ${REGIONAL_INSTRUMENTS[key].parameter}），设置之前出具本文书将被拒绝。${unsetInstrumentAdvice(key)}`,
    });
  }
  issues.push(...legalClauseIssues(template, text));
  return issues;
}

/** A citation a reader can look up: a named instrument and an article, e.g. 《…办法》第十条. */
const CITATION = /《[^》]+》(第[一二三四五六七八九十百零〇\d]+条)?/;

/**
 * A decision, and any document that tells its addressee of a remedy, states its legal basis,
 * its reasons and the remedy (行政复议/行政诉讼, their time limits, the organs): 《行政处罚法》
 * and 《社会救助暂行办法》 practice, and what the 低保 decisions cite. An emptied clause, or
 * one replaced by "有关规定", is what an outside tester published.
 */
function legalClauseIssues(template: LoadedTemplate, text: string): DraftIssue[] {
  const manifest = template.manifest as ManifestWithRequirements & { legalBasis?: unknown };
  const adverse = manifest.documentType === 'decision' || manifest.remedy === true;
  if (!adverse) return [];
  const issues: DraftIssue[] = [];
  const basis = typeof manifest.legalBasis === 'string' ? manifest.legalBasis.trim() : '';
  if (!basis) {
    issues.push({
      field: 'manifest',
      message:
        '法律依据（manifest.legalBasis）为空：应写明所依据的法律条款，如《最低生活保障审核确认办法》第二十一条',
    });
  } else if (!CITATION.test(basis) || !/第[^条]+条/.test(basis)) {
    issues.push({
      field: 'manifest',
      message: `法律依据“${basis}”没有写明具体法律条款：应写明法规名称和条款，如《最低生活保障审核确认办法》第二十一条`,
    });
  } else {
    // The default a decision prints when nothing is entered passes the check an entry must pass.
    const own = decisionBasisProblem(template.manifest, basis);
    const missing = defaultBasisMissing(template.manifest);
    if (own) issues.push({ field: 'manifest', message: `默认法律依据（manifest.legalBasis）${own}` });
    else if (missing.length)
      issues.push({
        field: 'manifest',
        message: `默认法律依据（manifest.legalBasis）未引用本决定适用的实体条款${missing.join('、')}：未填写法律依据时文书按默认依据印制，应引用 decisionBasis.substantive 所列全部条款`,
      });
  }
  const data = manifest.sample as { form?: Record<string, unknown> } | undefined;
  const sampleBasis = typeof data?.form?.legalBasis === 'string' ? data.form.legalBasis : '';
  if (
    !template.body.includes('@legalBasis') &&
    !(basis && text.includes(basis)) &&
    !(sampleBasis && text.includes(sampleBasis))
  ) {
    issues.push({
      field: 'body',
      message: '正文没有写明法律依据：应引用 {{@legalBasis}}（模板说明中的法律依据）',
    });
  } else if (issues.length === 0 && /(依据|根据|按照)(国家)?(有关|相关)(法律法规|规定)/.test(text)) {
    issues.push({
      field: 'body',
      message: '正文以“有关规定”代替法律依据：应写明具体法律条款（{{@legalBasis}}）',
    });
  }
  const schemaForm = (manifest.schema as { properties?: { form?: { properties?: Record<string, unknown> } } })
    ?.properties?.form?.properties;
  const reasons = data?.form?.reasons;
  if (
    schemaForm &&
    'reasons' in schemaForm &&
    typeof reasons === 'string' &&
    reasons &&
    !text.includes(reasons)
  ) {
    issues.push({
      field: 'body',
      message: '正文没有写明理由：应引用 {{form.reasons}}（办理人员填写的理由）',
    });
  }
  if (manifest.remedy) {
    if (!text.includes('行政复议')) issues.push({ field: 'body', message: '救济告知缺少申请行政复议的途径' });
    if (!text.includes('行政诉讼')) issues.push({ field: 'body', message: '救济告知缺少提起行政诉讼的途径' });
    const issuer = (
      manifest.sample as { issuer?: { reviewGovernment?: unknown; court?: unknown } } | undefined
    )?.issuer;
    if (typeof issuer?.reviewGovernment === 'string' && !text.includes(issuer.reviewGovernment))
      issues.push({ field: 'body', message: '救济告知没有写明行政复议机关（{{issuer.reviewGovernment}}）' });
    if (typeof issuer?.court === 'string' && !text.includes(issuer.court))
      issues.push({ field: 'body', message: '救济告知没有写明管辖人民法院（{{issuer.court}}）' });
  }
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
    // Fitted like the issued document (GB/T 9704 §7.3.5), so the preview's pages are its pages.
    ({ definition } = await fitDocumentDefinition({
      template,
      data,
      issuedAt,
      verifyCode: 'PREVIEW',
      verifyUrl: 'https://preview.invalid/',
    }));
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
