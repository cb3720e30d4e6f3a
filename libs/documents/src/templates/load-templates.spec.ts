import { mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildTemplate, loadTemplates, TemplateLoadError } from './load-templates';

const TEMPLATES_DIR = resolve(__dirname, '../../../../templates');

/** Every directory under templates/ is a template (README.md is the only other entry). */
const CATALOGUE = readdirSync(TEMPLATES_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

/** The documents of LEGAL.md §5 and the 特困/临时救助 additions, by template id (a sample, not all). */
const LEGAL_CATALOGUE_SAMPLE = [
  'dibao-application-form',
  'family-declaration',
  'verification-authorization',
  'near-relative-registration',
  'acceptance-notice',
  'supplement-notice',
  'non-acceptance-notice',
  'ineligibility-notice',
  'home-visit-record',
  'first-instance-opinion',
  'public-notice',
  'confirmation-notice',
  'non-confirmation-decision',
  'review-termination-notice',
  'periodic-review-record',
  'benefit-decrease-decision',
  'benefit-stop-decision',
  'gradual-exit-notice',
  'job-refusal-decision',
  'service-receipt',
  'electronic-service-consent',
  'recovery-decision',
  'selfcare-assessment',
  'tekun-termination-decision',
  'linshi-emergency-register',
  'linshi-approval-form',
];

const minimalManifest = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: 'demo',
    version: 1,
    title: '测试通知书',
    documentType: 'notice',
    issuer: 'township',
    legalBasis: '《最低生活保障审核确认办法》第十条',
    remedy: false,
    delivery: 'served',
    schema: {
      type: 'object',
      properties: {
        applicant: {
          type: 'object',
          title: '申请人',
          properties: { name: { type: 'string', title: '申请人姓名' } },
          required: ['name'],
        },
      },
      required: ['applicant'],
    },
    sample: { applicant: { name: '张三' } },
    ...overrides,
  });

describe('loadTemplates', () => {
  const registry = loadTemplates(TEMPLATES_DIR);

  it('loads every catalogued template', () => {
    expect([...registry.keys()].sort()).toEqual(CATALOGUE);
    expect(CATALOGUE).toEqual(expect.arrayContaining(LEGAL_CATALOGUE_SAMPLE));
  });

  it('computes a sha256 content hash over manifest and body', () => {
    for (const t of registry.values()) expect(t.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const hashes = new Set([...registry.values()].map((t) => t.contentHash));
    expect(hashes.size).toBe(registry.size);
  });

  it('changes the hash when only the body changes', () => {
    const a = buildTemplate('demo', minimalManifest(), '> {{applicant.name}}：\n');
    const b = buildTemplate('demo', minimalManifest(), '> {{applicant.name}}:\n');
    expect(a.contentHash).not.toBe(b.contentHash);
  });

  it('numbered templates declare a numberCode and forms do not', () => {
    expect(registry.get('confirmation-notice')!.manifest.numberCode).toBe('民低确');
    expect(registry.get('verification-authorization')!.manifest.numberCode).toBeUndefined();
    expect(registry.get('home-visit-record')!.manifest.numberCode).toBeUndefined();
  });

  it('remedy templates carry the remedy sentence with the configured review government and court', () => {
    for (const t of registry.values()) {
      if (!t.manifest.remedy) continue;
      const text = t.renderMarkup(t.manifest.sample);
      expect(text).toContain('申请行政复议');
      expect(text).toContain('提起行政诉讼');
      expect(text).toContain('平安县人民政府申请行政复议');
      expect(text).toContain('平安县人民法院提起行政诉讼');
    }
    expect(registry.get('non-confirmation-decision')!.manifest.remedy).toBe(true);
    expect(registry.get('non-acceptance-notice')!.manifest.remedy).toBe(true);
  });

  it('every template says how it is delivered', () => {
    const delivery = Object.fromEntries(
      [...registry.values()].map((t) => [t.manifest.id, t.manifest.delivery]),
    );
    expect(delivery['public-notice']).toBe('posted');
    expect(delivery['non-confirmation-decision']).toBe('served');
    expect(delivery['service-receipt']).toBe('internal');
    for (const t of registry.values())
      expect(['served', 'posted', 'internal']).toContain(t.manifest.delivery);
    // Every template that states remedy rights is a decision given to the applicant.
    for (const t of registry.values()) if (t.manifest.remedy) expect(t.manifest.delivery).toBe('served');
  });

  it('sets every notice and decision served on an applicant as a 信函, and nothing else', () => {
    for (const t of registry.values()) {
      const m = t.manifest;
      const served =
        (m.documentType === 'decision' || m.documentType === 'notice') && m.delivery === 'served';
      expect({ id: m.id, letter: m.format === 'letter' }).toEqual({ id: m.id, letter: served });
    }
  });

  it('rebuilds a frozen version from before delivery existed, and refuses it as a new template', () => {
    const old = minimalManifest({ delivery: undefined });
    expect(() => buildTemplate('demo', old, 'x')).toThrow(/delivery/);
    expect(buildTemplate('demo', old, 'x', { frozen: true }).manifest.delivery).toBeUndefined();
    expect(() =>
      buildTemplate('demo', minimalManifest({ delivery: 'mailed' }), 'x', { frozen: true }),
    ).toThrow(/delivery/);
  });

  it('loads from a folder on disk and fails naming the template id on bad JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tpl-'));
    mkdirSync(join(dir, 'broken-notice'));
    writeFileSync(join(dir, 'broken-notice', 'manifest.json'), '{ "id": "broken-notice", ');
    writeFileSync(join(dir, 'broken-notice', 'body.hbs'), 'x');
    expect(() => loadTemplates(dir)).toThrow(TemplateLoadError);
    expect(() => loadTemplates(dir)).toThrow(/broken-notice.*JSON/);
  });

  it('loads a valid folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tpl-'));
    mkdirSync(join(dir, 'demo'));
    writeFileSync(join(dir, 'demo', 'manifest.json'), minimalManifest());
    writeFileSync(join(dir, 'demo', 'body.hbs'), '> {{applicant.name}}：\n');
    const t = loadTemplates(dir).get('demo')!;
    expect(t.renderMarkup({ applicant: { name: '李四' } })).toBe('> 李四：\n');
    expect(readFileSync(join(dir, 'demo', 'body.hbs'), 'utf8')).toBe(t.body);
  });

  it.each([
    ['a handlebars syntax error', minimalManifest(), '{{#if applicant.name}}未闭合', /demo.*body\.hbs/],
    ['an unknown helper', minimalManifest(), '{{shout applicant.name}}', /demo.*shout/],
    ['an id that differs from the folder', minimalManifest({ id: 'other' }), 'x', /demo.*manifest\.id/],
    ['a non-integer version', minimalManifest({ version: '2' }), 'x', /demo.*version/],
    ['a sample that breaks its schema', minimalManifest({ sample: {} }), 'x', /demo.*示例数据.*applicant/],
    ['a field missing from the sample', minimalManifest(), '{{applicant.phone}}', /demo.*渲染失败/],
    ['remedy without the remedy sentence', minimalManifest({ remedy: true }), '特此通知。', /demo.*救济/],
    ['a missing delivery', minimalManifest({ delivery: undefined }), 'x', /demo.*delivery（文书送达方式）/],
    ['an unknown delivery', minimalManifest({ delivery: 'mailed' }), 'x', /demo.*delivery.*mailed/],
    ['an unknown format', minimalManifest({ format: 'memo' }), 'x', /demo.*format/],
    [
      'a form set as a letter',
      minimalManifest({ documentType: 'form', format: 'letter' }),
      'x',
      /demo.*信函格式/,
    ],
    ['a non-boolean recordsService', minimalManifest({ recordsService: 'yes' }), 'x', /demo.*recordsService/],
    [
      'a misspelt schema keyword',
      minimalManifest({ schema: { type: 'object', requried: ['x'] } }),
      'x',
      /demo.*schema/,
    ],
  ])('rejects %s', (_label, manifest, body, message) => {
    expect(() => buildTemplate('demo', manifest, body)).toThrow(message);
  });
});
