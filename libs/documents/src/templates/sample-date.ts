/** When a sample is not dated otherwise: the day most samples were drawn up. */
const DEFAULT_SAMPLE_DATE = '2026-11-23';

/**
 * The 成文日期 a template's sample is rendered with: the date its data gives (document.issuedDate,
 * "2026年11月23日"), so that one case's samples follow each other in time (a 告知书 before the
 * replies to it, a 决定书 after them), 09:00 in China.
 */
export function sampleIssuedAt(sample: unknown): Date {
  const text = (sample as { document?: { issuedDate?: unknown } } | null)?.document?.issuedDate;
  const m = typeof text === 'string' ? /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(text) : null;
  const date = m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : DEFAULT_SAMPLE_DATE;
  return new Date(`${date}T09:00:00+08:00`);
}
