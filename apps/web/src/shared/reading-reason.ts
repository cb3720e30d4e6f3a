/**
 * Originals (document PDFs, attachments, the 案卷) open for readers who do not work cases (legal
 * officers, auditors, administrators) only with a 查阅事由, which the server records as a
 * break-glass read. This asks for it once per opening, with the server's own rule.
 */
import { ElMessageBox } from 'element-plus';
import { readingReasonProblem } from '@shared/assistance/reading-reason';
import { worksCases } from '@shared/assistance/privacy';
import { session } from '@web/auth/session';

/** Whether the signed-in user must give a reason to open an original. */
export function needsReadingReason(role: string | undefined = session.user?.role): boolean {
  return !!role && !worksCases(role);
}

/** `url` with the reason as its `reason` query parameter. */
export function withReason(url: string, reason: string | null): string {
  if (!reason) return url;
  return `${url}${url.includes('?') ? '&' : '?'}reason=${encodeURIComponent(reason)}`;
}

/**
 * Asks for the 查阅事由 of opening `what`; null when cancelled. Validated as the server does, so
 * the dialog does not close on a reason the server would refuse.
 */
export async function askReadingReason(what: string): Promise<string | null> {
  try {
    const { value } = await ElMessageBox.prompt(
      `您不是本案办案人员。查看${what}原件将记入执法记录，请写明查阅事由（至少5个字）。`,
      '登记查阅事由',
      {
        confirmButtonText: '登记并查看',
        cancelButtonText: '取消',
        inputPlaceholder: '例如：办理行政复议，调阅原件核对',
        inputValidator: (v: string) => readingReasonProblem(v ?? '') ?? true,
        customClass: 'reading-reason-dialog',
      },
    );
    return value.trim();
  } catch {
    return null;
  }
}
