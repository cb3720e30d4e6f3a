import { threadId } from 'node:worker_threads';
import { move } from 'piscina';
import { renderDocument } from '@app/documents';
import { RenderContext, RenderJob, renderAndSign } from './render-job';

/*
 * A document-pool thread (piscina): renders and signs, nothing else. Imports only render-job so a
 * thread loads the documents and signing code, not the application.
 */
const context = new RenderContext();

export default async function render(job: RenderJob): Promise<Uint8Array> {
  const signed = await renderAndSign(job, {
    template: (t) => context.template(t),
    signers: context.sealSigners(job.seals),
  });
  return move(ownBuffer(signed)) as Uint8Array;
}

/**
 * Renders a job and throws the bytes away: loads the fonts and the template into this thread, and
 * the job's seal when it names an organ. Returns the thread's id, so that a caller can tell when
 * every thread of the pool is warm.
 */
export async function warm(job: RenderJob): Promise<number> {
  if (job.organ) await render(job);
  else
    await renderDocument({
      template: context.template(job.template),
      data: job.data,
      number: job.number ?? undefined,
      issuedAt: new Date(job.issuedAt),
      verifyCode: job.verifyCode,
      verifyUrl: job.verifyUrl,
    });
  return threadId;
}

/**
 * The signed bytes in an ArrayBuffer of their own, so that moving it to the caller's thread
 * transfers it instead of copying it. A small Buffer is a view into a shared allocation pool,
 * which must not be transferred: only then is it copied once, as structured cloning would.
 */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes;
  return new Uint8Array(bytes);
}
