import { LoadedTemplate, buildTemplate, renderDocument, unsetMarkIn } from '@app/documents';
import { OrganSealSigners, OrganSealsConfig } from '@app/signing';

/**
 * Everything rendering and signing one document needs, as plain data: it crosses into a worker
 * thread. Pure CPU: no database, no blob store (archiving stays with the caller).
 */
export interface RenderJob {
  template: { id: string; manifestText: string; body: string; contentHash: string };
  data: Record<string, unknown>;
  number: string | null;
  issuedAt: string;
  verifyCode: string;
  verifyUrl: string;
  organ: string;
  reason: string;
  location: string;
  signingTime: string;
  seals: OrganSealsConfig;
}

/**
 * A job that renders and signs a template's own sample, unnumbered: the pool's warm-up and its tests.
 * `n` makes each job's verification code distinct.
 */
export function sampleRenderJob(
  template: LoadedTemplate,
  n: number,
  verifyUrl: (code: string) => string,
  seals: OrganSealsConfig,
): RenderJob {
  const code = String(n).padStart(16, '0');
  return {
    template: {
      id: template.manifest.id,
      manifestText: template.manifestText,
      body: template.body,
      contentHash: template.contentHash,
    },
    data: template.manifest.sample as Record<string, unknown>,
    number: null,
    issuedAt: new Date().toISOString(),
    verifyCode: code,
    verifyUrl: verifyUrl(code),
    organ: '',
    reason: '',
    location: '',
    signingTime: new Date().toISOString(),
    seals,
  };
}

/** Templates and seal signers a thread keeps between jobs (each built once per thread). */
export class RenderContext {
  private readonly templates = new Map<string, LoadedTemplate>();
  private signers: { key: string; signers: OrganSealSigners } | undefined;

  template(t: RenderJob['template']): LoadedTemplate {
    let template = this.templates.get(t.contentHash);
    if (!template) {
      template = buildTemplate(t.id, t.manifestText, t.body, { frozen: true });
      if (template.contentHash !== t.contentHash) throw new Error(`冻结的模板 ${t.id} 内容哈希不符`);
      this.templates.set(t.contentHash, template);
    }
    return template;
  }

  sealSigners(config: OrganSealsConfig): OrganSealSigners {
    const key = JSON.stringify(config);
    if (this.signers?.key !== key) this.signers = { key, signers: new OrganSealSigners(config) };
    return this.signers.signers;
  }
}

/** A rendered document that still carries a 【待设置…】 placeholder: refused before signing. */
export class UnsetMarkError extends Error {
  constructor(templateId: string, mark: string) {
    super(`文书（模板 ${templateId}）含有尚未设置的内容“${mark}”，不予签章`);
    this.name = 'UnsetMarkError';
  }
}

/** Renders the frozen document and signs it with its organ's seal: the same code in every thread. */
export async function renderAndSign(
  job: RenderJob,
  context: { template(t: RenderJob['template']): LoadedTemplate; signers: OrganSealSigners },
): Promise<Buffer> {
  const template = context.template(job.template);
  // Whatever let it through, a 【待设置…】 mark is never sealed: the document stays unsigned.
  const unset = unsetMarkIn(template.renderMarkup(job.data));
  if (unset) throw new UnsetMarkError(job.template.id, unset);
  const unsigned = await renderDocument({
    template,
    data: job.data,
    number: job.number ?? undefined,
    issuedAt: new Date(job.issuedAt),
    verifyCode: job.verifyCode,
    verifyUrl: job.verifyUrl,
  });
  const signer = await context.signers.signerFor(job.organ);
  return signer.sign(unsigned, {
    reason: job.reason,
    location: job.location,
    signingTime: new Date(job.signingTime),
  });
}
