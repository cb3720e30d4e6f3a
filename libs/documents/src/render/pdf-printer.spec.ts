import { resolve } from 'node:path';
import { loadTemplates } from '../templates/load-templates';
import { layOutOnly, renderPdf } from './pdf-printer';
import { fitDocumentDefinition } from './render-document';

const registry = loadTemplates(resolve(__dirname, '../../../../templates'));

describe('layout passes drawn later', () => {
  it.each(['confirmation-notice', 'benefit-stop-decision', 'dibao-application-form'])(
    'draws a laid-out %s into the bytes a straight render gives, once',
    async (id) => {
      const template = registry.get(id)!;
      const { definition } = await fitDocumentDefinition({
        template,
        data: structuredClone(template.manifest.sample),
        number: template.manifest.numberCode ? `平${template.manifest.numberCode}〔2026〕1号` : undefined,
        issuedAt: new Date('2026-11-23T09:00:00+08:00'),
        verifyCode: 'K7Q2-9MXD',
        verifyUrl: 'https://jiuzhu.example.gov.cn/v/K7Q2-9MXD',
      });
      const laidOut = await layOutOnly(definition);
      const straight = await renderPdf(definition);
      expect((await laidOut.draw()).equals(straight)).toBe(true);
      await expect(laidOut.draw()).rejects.toThrow('文书版面已输出');
    },
  );
});
