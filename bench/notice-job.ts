import { LoadedTemplate } from '@app/documents';
import { RenderJob } from '@app/issuance';

/** The 确认通知书 the notice benches issue: its sample data, and a pool job for it by index. */
export function confirmationNotice(template: LoadedTemplate, organ: string, dataDir: string) {
  const input = {
    template,
    data: template.manifest.sample,
    number: '平民低确〔2026〕1号',
    issuedAt: new Date('2026-11-23T02:00:00Z'),
    verifyCode: '0123456789ABCDEF',
    verifyUrl: 'http://localhost:3000/api/verify/0123456789ABCDEF',
  };
  const frozen = {
    id: template.manifest.id,
    manifestText: template.manifestText,
    body: template.body,
    contentHash: template.contentHash,
  };
  const job = (i: number): RenderJob => ({
    template: frozen,
    data: input.data,
    number: input.number,
    issuedAt: input.issuedAt.toISOString(),
    verifyCode: `0123456789A${String(i).padStart(5, '0')}`,
    verifyUrl: input.verifyUrl,
    organ,
    reason: '最低生活保障确认通知书',
    location: '410799',
    signingTime: new Date().toISOString(),
    seals: { dataDir },
  });
  return { input, job };
}
