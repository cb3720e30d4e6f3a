import { resolve } from 'node:path';
import { buildTemplate, loadTemplates, manifestText } from '@app/documents';
import { RenderJob, UnsetMarkError, renderAndSign } from './render-job';

const registry = loadTemplates(resolve(__dirname, '../../../templates'));

/** A signer that records what it was asked to seal. */
function recordingSigners() {
  const sealed: Buffer[] = [];
  return {
    sealed,
    signers: {
      signerFor: async () => ({
        sign: async (pdf: Buffer) => {
          sealed.push(pdf);
          return pdf;
        },
      }),
    } as never,
  };
}

function jobFor(
  template: { manifest: { id: string }; manifestText: string; body: string; contentHash: string },
  data: unknown,
): RenderJob {
  return {
    template: {
      id: template.manifest.id,
      manifestText: template.manifestText,
      body: template.body,
      contentHash: template.contentHash,
    },
    data: data as Record<string, unknown>,
    number: null,
    issuedAt: '2026-11-23T02:00:00.000Z',
    verifyCode: 'K7Q29MXD',
    verifyUrl: 'https://verify.invalid/',
    organ: '平安县民政局',
    reason: '出具文书',
    location: '平安县',
    signingTime: '2026-11-23T02:00:00.000Z',
    seals: {} as never,
  };
}

describe('renderAndSign never seals a 【待设置】 mark (issue 17 L7, defence in depth)', () => {
  it('refuses a 低收入 document whose data lacks the provincial instrument, before the signer sees it', async () => {
    const template = registry.get('low-income-refusal-decision')!;
    const { instruments: _set, ...unset } = template.manifest.sample as Record<string, unknown>;
    const { sealed, signers } = recordingSigners();
    await expect(
      renderAndSign(jobFor(template, unset), { template: () => template, signers }),
    ).rejects.toThrow(UnsetMarkError);
    expect(sealed).toHaveLength(0);
  });

  it('refuses any template carrying a typed 【待设置…】 placeholder, whatever its id', async () => {
    const base = registry.get('home-visit-record')!;
    const body = `${base.body}\n依据【待设置：本县实施细则条款】办理。\n`;
    const template = buildTemplate(base.manifest.id, manifestText(base.manifest), body);
    const { sealed, signers } = recordingSigners();
    await expect(
      renderAndSign(jobFor(template, base.manifest.sample), { template: () => template, signers }),
    ).rejects.toThrow('【待设置：本县实施细则条款】');
    expect(sealed).toHaveLength(0);
  });

  it('seals the same document once the instrument is in its data', async () => {
    const template = registry.get('low-income-refusal-decision')!;
    const { sealed, signers } = recordingSigners();
    await renderAndSign(jobFor(template, template.manifest.sample), { template: () => template, signers });
    expect(sealed).toHaveLength(1);
  });
});
