import { resolve } from 'node:path';
import { buildTemplate, loadTemplates } from '../templates/load-templates';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildDraft, lintDraft, manifestText, TemplateDraftError } from './template-draft';
import { templateSyntaxProblem } from './handlebars-errors';

const registry = loadTemplates(resolve(__dirname, '../../../../templates'));

describe('lintDraft: citations only the region can supply (issue 17 L7)', () => {
  it.each([
    'low-income-recognition-notice',
    'low-income-refusal-decision',
    'low-income-review-opinion',
    'low-income-authorization',
    'acceptance-notice',
    'supplement-notice',
    'non-acceptance-notice',
    'ineligibility-notice',
  ])('%s is flagged, naming the parameter, where the 本省低收入人口认定办法 is not set', (id) => {
    const shipped = registry.get(id)!;
    const unset = lintDraft(shipped, { unsetInstruments: ['lowIncome'] }).map((i) => i.message);
    expect(unset).toContainEqual(expect.stringContaining('本省低收入人口认定办法尚未设置'));
    expect(unset).toContainEqual(expect.stringContaining('lowIncomeInstrument'));
    expect(unset).toContainEqual(expect.stringContaining('请管理员在“救助政策参数”中设置'));
    expect(lintDraft(shipped).filter((i) => i.message.includes('尚未设置'))).toEqual([]);
  });

  it('a template whose sample leaves the instrument out renders the unset mark and is flagged', () => {
    const shipped = registry.get('low-income-recognition-notice')!;
    const { instruments: _set, ...sample } = shipped.manifest.sample as Record<string, unknown>;
    expect(shipped.renderMarkup(sample)).toContain('【待设置：本省低收入人口认定办法');
    const bare = buildTemplate(
      shipped.manifest.id,
      manifestText({ ...shipped.manifest, sample }),
      shipped.body,
    );
    expect(lintDraft(bare).map((i) => i.message)).toContainEqual(expect.stringContaining('法律依据尚未设置'));
  });

  it('shared templates print the 低收入 instrument for that program only', () => {
    for (const id of [
      'acceptance-notice',
      'supplement-notice',
      'non-acceptance-notice',
      'ineligibility-notice',
    ]) {
      const shipped = registry.get(id)!;
      const sample = structuredClone(shipped.manifest.sample) as {
        case: { programName: string };
        instruments?: unknown;
      };
      delete sample.instruments;
      expect(shipped.renderMarkup(sample)).not.toContain('【待设置');
      sample.case.programName = '低收入人口认定';
      const lowIncome = shipped.renderMarkup(sample);
      expect(lowIncome).toContain('【待设置：本省低收入人口认定办法');
      expect(lowIncome).not.toContain(shipped.manifest.legalBasis);
    }
  });

  it('flags no template whose citations are complete', () => {
    for (const id of ['non-confirmation-decision', 'confirmation-notice', 'linshi-authorization'])
      expect(
        lintDraft(registry.get(id)!, { unsetInstruments: ['lowIncome'] }).filter((i) =>
          i.message.includes('尚未设置'),
        ),
      ).toEqual([]);
  });

  it('a typed 【待设置…】 placeholder is still flagged', () => {
    const shipped = registry.get('non-confirmation-decision')!;
    const typed = buildTemplate(
      shipped.manifest.id,
      manifestText(shipped.manifest),
      `${shipped.body}\n依据【待设置：本县实施细则】。\n`,
    );
    expect(lintDraft(typed).map((i) => i.message)).toContainEqual(
      expect.stringContaining('法律依据尚未设置'),
    );
  });
});

const dir = path.join(__dirname, '../../../../templates');
const ids = fs.readdirSync(dir).filter((f) => fs.existsSync(path.join(dir, f, 'manifest.json')));

function read(id: string) {
  return {
    manifest: JSON.parse(fs.readFileSync(path.join(dir, id, 'manifest.json'), 'utf8')) as Record<
      string,
      unknown
    >,
    body: fs.readFileSync(path.join(dir, id, 'body.hbs'), 'utf8'),
  };
}

function lint(manifest: unknown, body: string): string[] {
  return lintDraft(buildDraft(manifest, body)).map((i) => i.message);
}

describe('template lint: legal basis, reasons and remedy', () => {
  // A citation only the region can supply is flagged on its own (above), until the region sets it.
  it.each(ids)('%s lints clean', (id) => {
    const { manifest, body } = read(id);
    expect(lint(manifest, body).filter((m) => !m.startsWith('法律依据尚未设置'))).toEqual([]);
  });

  const { manifest, body } = read('non-confirmation-decision');

  it('a legal basis replaced by "有关规定" in the manifest is refused, naming what to write', () => {
    expect(lint({ ...manifest, legalBasis: '有关规定' }, body)).toEqual([
      '法律依据“有关规定”没有写明具体法律条款：应写明法规名称和条款，如《最低生活保障审核确认办法》第二十一条',
    ]);
  });

  it('an emptied or blank legal basis is refused', () => {
    expect(() => buildDraft({ ...manifest, legalBasis: '' }, body)).toThrow(/legalBasis/);
    expect(lint({ ...manifest, legalBasis: ' ' }, body)[0]).toContain('法律依据（manifest.legalBasis）为空');
  });

  it('a body whose legal basis clause became "根据有关规定" is refused', () => {
    const changed = body.replace(
      '根据{{#if form.legalBasis}}{{form.legalBasis}}{{else}}{{@legalBasis}}{{/if}}的规定',
      '根据有关规定',
    );
    expect(changed).not.toBe(body);
    expect(lint(manifest, changed)).toEqual([
      '正文没有写明法律依据：应引用 {{@legalBasis}}（模板说明中的法律依据）',
    ]);
  });

  it('a notice with remedy whose legal basis became "依据相关规定" is refused too', () => {
    const notice = read('non-acceptance-notice');
    const changed = notice.body.replace(/\{\{@legalBasis\}\}/g, '相关规定');
    expect(changed).not.toBe(notice.body);
    expect(lint(notice.manifest, changed).join('\n')).toContain('正文没有写明法律依据');
  });

  it('an emptied reasons clause is refused', () => {
    const changed = body.replace('{{form.reasons}}', '');
    expect(lint(manifest, changed)).toEqual([
      '正文没有写明理由：应引用 {{form.reasons}}（办理人员填写的理由）',
    ]);
  });

  it('a remedy clause without the review organ and the court is refused', () => {
    const changed = body
      .replace('向{{issuer.reviewGovernment}}申请行政复议', '申请行政复议')
      .replace('向{{issuer.court}}提起行政诉讼', '提起行政诉讼');
    expect(lint(manifest, changed)).toEqual([
      '救济告知没有写明行政复议机关（{{issuer.reviewGovernment}}）',
      '救济告知没有写明管辖人民法院（{{issuer.court}}）',
    ]);
  });
});

describe('Handlebars errors in Chinese with line and column', () => {
  it.each([
    [
      '正文\n{{#if form.reasons}}未闭合\n',
      '第 3 行第 1 列：块没有结束：{{#if}}、{{#each}} 等块开始标记缺少对应的结束标记（如 {{/if}}）',
    ],
    ['第一行\n  多余 {{/if}}', '第 2 行第 6 列：多余的结束标记 {{/…}}：前面没有对应的块开始标记'],
    ['a\n  {{#if x}}b{{/each}}', '第 2 行第 13 列：块开始标记 {{#if}} 与结束标记 {{/each}} 不匹配'],
    ['一\n二 {{a.b.[}}', '第 2 行第 9 列：{{ }} 中的内容无法识别：应为字段名（如 applicant.name）或辅助函数'],
  ])('%j', (source, message) => {
    expect(templateSyntaxProblem(source)?.message).toBe(message);
  });

  it('a draft with a syntax error is refused with the Chinese message on the body', () => {
    const { manifest } = read('non-acceptance-notice');
    let error: unknown;
    try {
      buildDraft(manifest, '> {{applicant.name}}：\n\n正文\n{{#if form.reasons}}未闭合\n');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TemplateDraftError);
    expect((error as TemplateDraftError).details).toEqual([
      {
        field: 'body',
        message:
          '正文第 5 行第 1 列：块没有结束：{{#if}}、{{#each}} 等块开始标记缺少对应的结束标记（如 {{/if}}）',
      },
    ]);
    expect((error as Error).message).not.toMatch(/Parse error|Expecting/);
  });
});
