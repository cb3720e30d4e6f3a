import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadTemplates } from '../templates/load-templates';
import { RenderInput, renderDocument } from './render-document';

const registry = loadTemplates(resolve(__dirname, '../../../../templates'));
const workDir = mkdtempSync(join(tmpdir(), 'kaiti-'));

/** A sample template, its markup edited as a legal officer would in the studio. */
async function pdfFonts(edit: (markup: string) => string): Promise<string> {
  const template = registry.get('complaint-reply')!;
  const input: RenderInput = {
    template: { ...template, renderMarkup: (data) => edit(template.renderMarkup(data)) },
    data: structuredClone(template.manifest.sample),
    issuedAt: new Date('2026-11-23T09:00:00+08:00'),
    verifyCode: 'K7Q2-9MXD',
    verifyUrl: 'https://jiuzhu.example.gov.cn/v/K7Q2-9MXD',
  };
  const file = join(workDir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, await renderDocument(input));
  return execFileSync('pdffonts', [file], { encoding: 'utf8' });
}

describe('second-level headings (GB/T 9704 楷体)', () => {
  it('a `##` heading is set in LXGW WenKai, embedded as a subset', async () => {
    const fonts = await pdfFonts((b) =>
      b.replace('# 二、调查核实情况', '# 二、调查核实情况\n\n## （一）核实经过'),
    );
    expect(fonts).toMatch(/[A-Z]{6}\+LXGWWenKai-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  });

  it('a document without one does not embed the 楷体 face', async () => {
    const fonts = await pdfFonts((b) => b);
    expect(fonts).not.toContain('LXGWWenKai');
    expect(fonts).toContain('NotoSansSC-Medium');
  });
});
