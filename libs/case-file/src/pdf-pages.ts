/**
 * Page count of a PDF from its page-tree root(s). An incremental update (the signature) may
 * rewrite the root, so the largest /Count of any /Type /Pages dictionary is the answer; null
 * when the file hides its objects in compressed object streams.
 */
export function pdfPageCount(pdf: Buffer): number | null {
  const text = pdf.toString('latin1');
  let max: number | null = null;
  for (const m of text.matchAll(/<<((?:(?!>>)[\s\S]){0,2000}?)\/Type\s*\/Pages\b([\s\S]{0,2000}?)>>/g)) {
    const count = /\/Count\s+(\d+)/.exec(`${m[1]} ${m[2]}`);
    if (count) max = Math.max(max ?? 0, Number(count[1]));
  }
  return max;
}
