/**
 * The 查阅事由 a reader who does not work cases gives to open an original (a document, an
 * attachment, the 案卷). Pure and framework-free: the server and the web check it alike.
 */
export const REASON_MIN_CHARS = 5;
export const REASON_MAX_CHARS = 200;

/**
 * What is wrong with a reason, or null when it will do. A reason is real text: at least five
 * letters or digits (after NFKC), so “.....”, “看看。。。”, five zero-width spaces or five lone
 * combining accents do not count.
 */
export function readingReasonProblem(reason: string): string | null {
  const text = reason.trim();
  const meaningful = [...text.normalize('NFKC').matchAll(/[\p{L}\p{N}]/gu)].length;
  if (meaningful < REASON_MIN_CHARS) return `查阅事由至少${REASON_MIN_CHARS}个字，请写明查阅原件的原因`;
  if ([...text].length > REASON_MAX_CHARS) return `查阅事由不能超过${REASON_MAX_CHARS}个字`;
  return null;
}
