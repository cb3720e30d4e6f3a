import type { LoadedTemplate } from '../templates/template-types';
import type { RenderInput } from '../render/render-document';

/** The issue time, verification code and URL every spec renders its samples with. */
export const SAMPLE_ISSUED_AT = new Date('2026-11-23T09:00:00+08:00');
export const SAMPLE_VERIFY_CODE = 'K7Q2-9MXD';
export const SAMPLE_VERIFY_URL = `https://jiuzhu.example.gov.cn/v/${SAMPLE_VERIFY_CODE}`;

/** The 机关代字 of the demo organs: the township's own for township documents (issue 17 L13). */
const organAbbr = (t: LoadedTemplate) => (t.manifest.issuer === 'township' ? '平城' : '平');

/** A 文号 for every numbered template, in the shape the numbering service gives. */
export const sampleNumber = (t: LoadedTemplate) =>
  t.manifest.numberCode ? `${organAbbr(t)}${t.manifest.numberCode}〔2026〕1号` : undefined;

/** A template's own sample, numbered and dated as a real document would be. */
export function sampleInput(template: LoadedTemplate, overrides: Partial<RenderInput> = {}): RenderInput {
  return {
    template,
    data: structuredClone(template.manifest.sample),
    number: sampleNumber(template),
    issuedAt: SAMPLE_ISSUED_AT,
    verifyCode: SAMPLE_VERIFY_CODE,
    verifyUrl: SAMPLE_VERIFY_URL,
    ...overrides,
  };
}
