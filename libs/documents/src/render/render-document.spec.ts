import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadTemplates } from '../templates/load-templates';
import { LoadedTemplate } from '../templates/template-types';
import { TemplateDataError } from '../templates/validate-data';
import {
  buildDocumentDefinition,
  renderBareDocDefinition,
  renderDocument,
  RenderInput,
} from './render-document';

const registry = loadTemplates(resolve(__dirname, '../../../../templates'));
const workDir = mkdtempSync(join(tmpdir(), 'docs-'));
const ISSUED_AT = new Date('2026-11-23T09:00:00+08:00');
const VERIFY_URL = 'https://jiuzhu.example.gov.cn/v/K7Q2-9MXD';

/** A 文号 for every numbered template, in the shape the numbering service gives. */
const demoNumber = (t: LoadedTemplate) =>
  t.manifest.numberCode ? `平${t.manifest.numberCode}〔2026〕1号` : undefined;

function inputFor(template: LoadedTemplate, overrides: Partial<RenderInput> = {}): RenderInput {
  return {
    template,
    data: structuredClone(template.manifest.sample),
    number: demoNumber(template),
    issuedAt: ISSUED_AT,
    verifyCode: 'K7Q2-9MXD',
    verifyUrl: VERIFY_URL,
    ...overrides,
  };
}

function writePdf(name: string, pdf: Buffer): string {
  const file = join(workDir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

/** pdftotext breaks lines wherever the layout wrapped, so compare without whitespace. */
const textOf = (file: string, page?: number): string => {
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  return execFileSync('pdftotext', [...range, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    '',
  );
};
const infoOf = (file: string) => execFileSync('pdfinfo', [file], { encoding: 'utf8' });
const pageCount = (file: string) => Number(/Pages:\s+(\d+)/.exec(infoOf(file))![1]);
/** Each page's text from one pdftotext run (it ends every page with a form feed). */
const pagesOf = (file: string): string[] =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
    .split('\f')
    .slice(0, -1)
    .map((page) => page.replace(/\s+/g, ''));
const squash = (s: string) => s.replace(/\s+/g, '');

describe('renderDocument', () => {
  const rendered = new Map<string, { pdf: Buffer; file: string; text: string; pages: string[] }>();

  beforeAll(async () => {
    for (const t of registry.values()) {
      const pdf = await renderDocument(inputFor(t));
      const file = writePdf(t.manifest.id, pdf);
      const pages = pagesOf(file);
      rendered.set(t.manifest.id, { pdf, file, text: pages.join(''), pages });
    }
  });

  it.each([...registry.keys()])(
    '%s: renders title, applicant and 文号 on an A4 page with a subset font',
    (id) => {
      const { pdf, file, text } = rendered.get(id)!;
      const t = registry.get(id)!;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(text).toContain(squash(t.manifest.title));
      // A document to the applicant names them; some go to others (a complainant, a village).
      if (/\{\{\s*applicant\.name\s*\}\}/.test(t.body)) {
        expect(text).toContain(
          squash(String((t.manifest.sample as { applicant: { name: string } }).applicant.name)),
        );
      }
      if (t.manifest.numberCode) expect(text).toContain(demoNumber(t));
      if (t.manifest.remedy) {
        expect(text).toContain('申请行政复议');
        expect(text).toContain('平安县人民法院提起行政诉讼');
      }
      expect(infoOf(file)).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
      // The TTFs are ~15 MB each; anything this small proves only used glyphs are embedded.
      expect(pdf.length).toBeLessThan(300 * 1024);
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
      expect(fonts).toMatch(/[A-Z]{6}\+NotoSerifSC-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    },
  );

  it('puts the verification code, URL and a page number on every page', () => {
    for (const [id, { file, pages }] of rendered) {
      expect({ id, pages: pages.length }).toEqual({ id, pages: pageCount(file) });
      for (let p = 1; p <= pages.length; p++) {
        const text = pages[p - 1];
        expect({
          id,
          p,
          ok: text.includes('验证码：K7Q2-9MXD') && text.includes(`查验：${VERIFY_URL}`),
        }).toEqual({ id, p, ok: true });
        expect(text).toContain(`—${p}—`);
      }
    }
  });

  it('confirmation notice states amount, covered persons and start month', () => {
    const { text } = rendered.get('confirmation-notice')!;
    expect(text).toContain('月保障金额为1440.00元');
    expect(text).toContain('保障人数为3人');
    expect(text).toContain('自2026年12月起按月发放');
    expect(text).toContain('平安县民政局');
    expect(text).toContain('2026年11月23日');
  });

  it('non-confirmation decision carries facts, reasons, legal basis and the exact remedy sentence', () => {
    const { text } = rendered.get('non-confirmation-decision')!;
    const sample = registry.get('non-confirmation-decision')!.manifest.sample as {
      form: { facts: string; reasons: string };
    };
    expect(text).toContain(squash(sample.form.facts));
    expect(text).toContain(squash(sample.form.reasons));
    expect(text).toContain('《最低生活保障审核确认办法》第二十一条');
    expect(text).toContain(
      '如不服本决定，可以自收到本决定书之日起六十日内向平安县人民政府申请行政复议，也可以自收到本决定书之日起六个月内向平安县人民法院提起行政诉讼。',
    );
  });

  it('supplement notice lists every missing material', () => {
    const { text } = rendered.get('supplement-notice')!;
    const sample = registry.get('supplement-notice')!.manifest.sample as {
      form: { missingMaterials: string[] };
    };
    const materials = sample.form.missingMaterials;
    materials.forEach((m, i) => expect(text).toContain(`${i + 1}.${squash(m)}`));
  });

  it('public notice shows name, persons and amount but never ID numbers', () => {
    const { text } = rendered.get('public-notice')!;
    expect(text).toMatch(/户主姓名.*张秀兰.*保障人数.*3.*拟月保障金额（元）.*1440\.00/);
    expect(text).toContain('自2026年11月24日起至2026年12月1日止');
    expect(text).not.toContain('330102198503124526');
    expect(text).not.toContain('330102****');
    expect(registry.get('public-notice')!.body).not.toMatch(/idNumber/);
  });

  it('home visit record names both investigators and the findings', () => {
    const { text } = rendered.get('home-visit-record')!;
    expect(text).toContain('王明、赵丽');
    expect(text).toContain('邻里访问情况');
  });

  it('service receipt carries the 送达回证 fields', () => {
    const { text } = rendered.get('service-receipt')!;
    for (const label of [
      '送达文书名称及文号',
      '受送达人',
      '送达地点',
      '送达方式',
      '直接送达',
      '送达人',
      '收件',
      '拒收事由和日期',
      '见证人',
      '平民低不确〔2026〕1号',
    ]) {
      expect(text).toContain(label);
    }
  });

  it('authorization lists every household member for signature', () => {
    const { text } = rendered.get('verification-authorization')!;
    for (const name of ['张秀兰', '李建国', '李小雨']) expect(text).toContain(name);
    expect(text).not.toContain('〔2026〕');
  });

  it('re-renders byte-identically', async () => {
    const t = registry.get('confirmation-notice')!;
    const again = await renderDocument(inputFor(t));
    expect(again.equals(rendered.get('confirmation-notice')!.pdf)).toBe(true);
  });

  it('derives dates and the file ID from the input', async () => {
    const t = registry.get('confirmation-notice')!;
    const original = rendered.get('confirmation-notice')!.pdf;
    const fileId = (pdf: Buffer) => /\/ID \[<([0-9a-f]+)>/.exec(pdf.toString('latin1'))![1];

    const otherData = inputFor(t);
    (otherData.data.form as Record<string, unknown>).amount = 144100;
    const changed = await renderDocument(otherData);
    expect(fileId(changed)).not.toBe(fileId(original));

    const later = await renderDocument(inputFor(t, { issuedAt: new Date('2026-11-24T09:00:00+08:00') }));
    const file = writePdf('later', later);
    expect(infoOf(file)).toMatch(/CreationDate:\s+Tue Nov 24 01:00:00 2026 UTC/);
    expect(textOf(file)).toContain('2026年11月24日');
    expect(original.toString('latin1')).toContain('(D:20261123010000Z)');
  });

  it('throws TemplateDataError naming the missing field in Chinese before rendering', async () => {
    const t = registry.get('non-confirmation-decision')!;
    const input = inputFor(t);
    delete (input.data.form as Record<string, unknown>).reasons;
    await expect(renderDocument(input)).rejects.toThrow(TemplateDataError);
    try {
      buildDocumentDefinition(input);
      throw new Error('should have failed');
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateDataError);
      expect((e as TemplateDataError).details).toEqual([
        { field: 'form.reasons', message: '「理由」为必填项' },
      ]);
      expect((e as Error).message).toContain('「理由」为必填项');
    }
  });

  it('exposes the bare pdfmake definition for benchmarks', async () => {
    const t = registry.get('confirmation-notice')!;
    const def = buildDocumentDefinition(inputFor(t));
    const pdf = await renderBareDocDefinition(def);
    expect(pdf.equals(rendered.get('confirmation-notice')!.pdf)).toBe(true);
    // A benchmark renders the same definition repeatedly.
    const again = await renderBareDocDefinition(def);
    expect(again.equals(pdf)).toBe(true);
  });

  it('lays out GB/T 9704 margins: type area starts 28 mm from the left and 37 mm from the top', () => {
    const t = registry.get('confirmation-notice')!;
    const def = buildDocumentDefinition(inputFor(t));
    const [left, top, right, bottom] = def.pageMargins as number[];
    const mm = (pt: number) => Math.round((pt * 25.4) / 72);
    expect([mm(left), mm(top), mm(right), mm(bottom)]).toEqual([28, 37, 26, 35]);
    expect(def.defaultStyle?.fontSize).toBe(16);
  });
});

describe('tables', () => {
  it('keeps amounts on one line next to a very long label column', async () => {
    const template = registry.get('first-instance-opinion')!;
    const sample = template.manifest.sample as { assessment: Record<string, unknown> };
    const longLabel =
      '困难指数 26 分（有慢性病患者+3；人均收入低于低保标准的75%+4；人均收入低于低保标准+3；无机动车辆+2；存款及有价证券低于3个月保障标准总额+3；无经营实体或股份+2）';
    const data = {
      ...sample,
      assessment: { ...sample.assessment, lines: [{ label: longLabel, amount: '14256.00', result: '符合' }] },
    };
    const pdf = await renderDocument(inputFor(template, { data }));
    const file = writePdf('long-label-table', pdf);
    const raw = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(raw.split('\n').some((line) => line.includes('14256.00'))).toBe(true);
  });
});
