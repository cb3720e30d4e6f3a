/**
 * Writes out/samples/<id>.pdf for every template, rendered from its manifest sample; template ids
 * given as arguments limit it to those.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTemplates, renderDocument, sampleIssuedAt } from '@app/documents';

const OUT_DIR = join('out', 'samples');

async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  const templates = loadTemplates('templates');
  const only = process.argv.slice(2);
  for (const template of templates.values()) {
    if (only.length && !only.includes(template.manifest.id)) continue;
    const data = template.manifest.sample as Record<string, unknown>;
    const document = data.document as { number?: string; verifyCode?: string } | undefined;
    const verifyCode = document?.verifyCode ?? 'DEMO-0001';
    const started = Date.now();
    const pdf = await renderDocument({
      template,
      data,
      number: template.manifest.numberCode ? document?.number : undefined,
      issuedAt: sampleIssuedAt(data),
      verifyCode,
      verifyUrl: `https://jiuzhu.example.gov.cn/v/${verifyCode}`,
    });
    const file = join(OUT_DIR, `${template.manifest.id}.pdf`);
    writeFileSync(file, pdf);
    console.log(`${file}  ${(pdf.length / 1024).toFixed(1)} KB  ${Date.now() - started} ms`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
