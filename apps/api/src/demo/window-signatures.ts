import { INestApplication } from '@nestjs/common';
import { AuthUser } from '@app/auth';
import { MemberSigningService } from '@app/cases';
import { AttachmentService } from '@app/case-file';

/** A one-page PDF standing for the scan of the signed paper 授权书 in the demo. */
function demoScan(): Buffer {
  const stream = 'BT /F1 18 Tf 72 720 Td (signed authorization) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

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
    await signing.signAtWindow(clerk, caseId, { memberIndex, attachmentId: scan.id });
}
