import { RenderContext, RenderJob, renderAndSign } from './render-job';

/*
 * A document-pool thread (piscina): renders and signs, nothing else. Imports only render-job so a
 * thread loads the documents and signing code, not the application.
 */
const context = new RenderContext();

export default async function render(job: RenderJob): Promise<Uint8Array> {
  return renderAndSign(job, {
    template: (t) => context.template(t),
    signers: context.sealSigners(job.seals),
  });
}
