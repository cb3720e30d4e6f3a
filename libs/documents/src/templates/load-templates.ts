import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compileBody, templateSourceProblem } from './handlebars-env';
import { decisionBasisRuleProblem } from './decision-basis';
import { titleByProblem } from './document-title';
import {
  DELIVERY_VALUES,
  DOCUMENT_FORMATS,
  LoadedTemplate,
  TemplateManifest,
  TemplateRegistry,
} from './template-types';
import { compileSchema, validateTemplateData } from './validate-data';

export class TemplateLoadError extends Error {
  constructor(
    readonly templateId: string,
    reason: string,
  ) {
    super(`模板「${templateId}」加载失败：${reason}`);
    this.name = 'TemplateLoadError';
  }
}

const DOCUMENT_TYPES = ['decision', 'notice', 'form', 'receipt'];
const ISSUER_LEVELS = ['township', 'county'];
const REMEDY_MARKERS = ['申请行政复议', '提起行政诉讼'];

/** Loads every `templates/<id>/` folder; any defect fails the whole load so it is caught at startup. */
export function loadTemplates(dir = 'templates'): TemplateRegistry {
  const root = resolve(dir);
  const registry: TemplateRegistry = new Map();
  for (const entry of readdirSync(root).sort()) {
    const folder = join(root, entry);
    if (!statSync(folder).isDirectory()) continue;
    const template = loadTemplate(folder, entry);
    registry.set(template.manifest.id, template);
  }
  return registry;
}

export function loadTemplate(folder: string, id: string): LoadedTemplate {
  const manifestPath = join(folder, 'manifest.json');
  const bodyPath = join(folder, 'body.hbs');
  if (!existsSync(manifestPath)) throw new TemplateLoadError(id, '缺少 manifest.json');
  if (!existsSync(bodyPath)) throw new TemplateLoadError(id, '缺少 body.hbs');
  const manifestBytes = readFileSync(manifestPath);
  const bodyBytes = readFileSync(bodyPath);
  return buildTemplate(id, manifestBytes.toString('utf8'), bodyBytes.toString('utf8'));
}

export interface BuildTemplateOptions {
  /**
   * A version frozen with an issued document before `delivery` existed: rebuild it as it was
   * rather than refuse it (issued documents must always re-render). New templates leave this off.
   */
  frozen?: boolean;
}

/** Builds a template from in-memory sources (used by the loader and by tests). */
export function buildTemplate(
  id: string,
  manifestText: string,
  body: string,
  options: BuildTemplateOptions = {},
): LoadedTemplate {
  let manifest: TemplateManifest;
  try {
    manifest = JSON.parse(manifestText) as TemplateManifest;
  } catch (e) {
    throw new TemplateLoadError(id, `manifest.json 不是有效的 JSON（${(e as Error).message}）`);
  }
  checkManifest(id, manifest, options);

  let renderMarkup: (data: unknown) => string;
  try {
    // A frozen version re-renders as it was issued; new sources may not reach for prototypes.
    const problem = options.frozen ? undefined : templateSourceProblem(body);
    if (problem) throw new Error(problem);
    renderMarkup = compileBody(body, { legalBasis: manifest.legalBasis, title: manifest.title });
  } catch (e) {
    throw new TemplateLoadError(id, `body.hbs 有误（${(e as Error).message}）`);
  }

  try {
    compileSchema(manifest.schema);
  } catch (e) {
    throw new TemplateLoadError(id, `schema 无效（${(e as Error).message}）`);
  }
  const sampleErrors = validateTemplateData(manifest.schema, manifest.sample);
  if (sampleErrors.length) {
    throw new TemplateLoadError(
      id,
      `示例数据不符合 schema：${sampleErrors.map((e) => `${e.field} ${e.message}`).join('；')}`,
    );
  }
  let sampleMarkup: string;
  try {
    sampleMarkup = renderMarkup(manifest.sample);
  } catch (e) {
    throw new TemplateLoadError(id, `用示例数据渲染失败（${(e as Error).message}）`);
  }
  if (manifest.remedy && !REMEDY_MARKERS.every((m) => sampleMarkup.includes(m))) {
    throw new TemplateLoadError(id, 'remedy 为 true，但正文缺少行政复议、行政诉讼救济告知');
  }

  const contentHash = createHash('sha256').update(manifestText).update('\0').update(body).digest('hex');
  return { manifest, manifestText, body, contentHash, renderMarkup };
}

function checkManifest(id: string, m: TemplateManifest, options: BuildTemplateOptions): void {
  const fail = (reason: string): never => {
    throw new TemplateLoadError(id, reason);
  };
  if (typeof m !== 'object' || m === null) fail('manifest 应为对象');
  if (m.id !== id) fail(`manifest.id「${String(m.id)}」与目录名不一致`);
  if (!Number.isInteger(m.version) || m.version < 1) fail('version 应为正整数');
  if (typeof m.title !== 'string' || !m.title) fail('缺少 title');
  if (!DOCUMENT_TYPES.includes(m.documentType)) fail(`documentType 应为 ${DOCUMENT_TYPES.join('/')}`);
  if (!ISSUER_LEVELS.includes(m.issuer)) fail(`issuer 应为 ${ISSUER_LEVELS.join('/')}`);
  if (m.numberCode !== undefined && (typeof m.numberCode !== 'string' || !m.numberCode))
    fail('numberCode 应为非空文本');
  if (m.format !== undefined && !DOCUMENT_FORMATS.includes(m.format))
    fail(`format 应为 ${DOCUMENT_FORMATS.join('/')}（document 文件格式，letter 信函格式）`);
  if (m.format === 'letter' && m.documentType !== 'decision' && m.documentType !== 'notice')
    fail('format 为 letter（信函格式）时 documentType 应为 decision 或 notice');
  if (typeof m.legalBasis !== 'string' || !m.legalBasis) fail('缺少 legalBasis');
  if (typeof m.remedy !== 'boolean') fail('remedy 应为 true/false');
  const basisRule = decisionBasisRuleProblem(m);
  if (basisRule) fail(basisRule);
  if (!(options.frozen && m.delivery === undefined) && !DELIVERY_VALUES.includes(m.delivery))
    fail(
      `缺少或无效的 delivery（文书送达方式）：应为 served（送达申请人）、posted（公示/公布）或 internal（表格、记录、回证等内部文书），现为「${String(m.delivery)}」`,
    );
  if (m.recordsService !== undefined && typeof m.recordsService !== 'boolean')
    fail('recordsService 应为 true/false');
  const titleRule = titleByProblem(m);
  if (titleRule) fail(titleRule);
  if (m.recordsCaseDate !== undefined && m.recordsCaseDate !== 'acceptanceDate')
    fail('recordsCaseDate 只能为 acceptanceDate');
  if (typeof m.schema !== 'object' || m.schema === null) fail('缺少 schema');
  if (typeof m.sample !== 'object' || m.sample === null) fail('缺少 sample');
}
