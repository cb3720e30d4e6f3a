import { INestApplication } from '@nestjs/common';
import { AuthUser } from '@app/auth';
import { MemberSigningService } from '@app/cases';
import { AttachmentService } from '@app/case-file';
import { tinyPdf } from './tiny-pdf';

/** A one-page PDF standing for the scan of the signed paper 授权书 in the demo. */
const demoScan = () => tinyPdf('signed authorization');

/**
 * The adults of a demo household who have not signed the 核对授权书 sign it on paper at the window:
 * the clerk uploads the scan and records each signature, so the case may go on to the 核对.
 */
export async function signAtWindow(app: INestApplication, clerk: AuthUser, caseId: string): Promise<void> {
  const signing = app.get(MemberSigningService);
  const missing = await signing.unsignedMembers(caseId);
  if (!missing.length) return;
  const scan = await app.get(AttachmentService).upload(clerk, caseId, {
    contentType: 'application/pdf',
    body: demoScan(),
    query: { kind: 'scan', fileName: '核对授权书（签字）.pdf', note: '家庭成员签字的核对授权书' },
  });
  for (const memberIndex of missing)
    await signing.signAtWindow(clerk, caseId, { memberIndex, attachmentId: scan.id, identityChecked: true });
}
