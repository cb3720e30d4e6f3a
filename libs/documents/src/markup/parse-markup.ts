/**
 * Line markup produced by body.hbs (documented for legal officers in templates/README.md).
 * Kept deliberately tiny so a template reads like the printed document.
 */
export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'line'; text: string; align: 'left' | 'right' | 'center' }
  | { kind: 'table'; header: boolean; rows: string[][] }
  | { kind: 'sign' }
  | { kind: 'pageBreak' }
  | { kind: 'gap' };

export const CC_PREFIX = '抄送：';

const TABLE_DIVIDER = /^\|(\s*:?-{3,}:?\s*\|)+$/;

export function parseMarkup(markup: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let table: string[][] | null = null;
  let tableHasHeader = true;

  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', text: joinLines(paragraph) });
    paragraph = [];
    if (table && table.length)
      blocks.push({ kind: 'table', header: tableHasHeader, rows: normaliseRows(table) });
    table = null;
    tableHasHeader = true;
  };

  for (const raw of markup.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') {
      flush();
      continue;
    }
    if (line.startsWith('|')) {
      if (paragraph.length) flush();
      if (TABLE_DIVIDER.test(line)) {
        // A divider before any row marks a header-less (form-style) table.
        if (!table) {
          table = [];
          tableHasHeader = false;
        }
        continue;
      }
      (table ??= []).push(splitCells(line));
      continue;
    }
    if (table) flush();

    const single = parseSingleLine(line);
    if (single) {
      flush();
      blocks.push(single);
    } else {
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

function parseSingleLine(line: string): Block | null {
  if (line === '---sign---') return { kind: 'sign' };
  if (line === '---page---') return { kind: 'pageBreak' };
  if (line === '---gap---') return { kind: 'gap' };
  // 版记: the PDF sets a 抄送 line after the seal between rules, with 印发机关 and 印发日期
  // (isRecordLine); other readers (the portal) show it as the plain line it is.
  if (line.startsWith('::cc '))
    return { kind: 'line', align: 'left', text: `${CC_PREFIX}${line.slice(5).trim()}` };
  if (line.startsWith('## ')) return { kind: 'heading', level: 2, text: line.slice(3).trim() };
  if (line.startsWith('# ')) return { kind: 'heading', level: 1, text: line.slice(2).trim() };
  if (line.startsWith('>> ') || line === '>>')
    return { kind: 'line', align: 'right', text: line.slice(2).trim() };
  if (line.startsWith('^ ')) return { kind: 'line', align: 'center', text: line.slice(2).trim() };
  if (line.startsWith('> ') || line === '>')
    return { kind: 'line', align: 'left', text: line.slice(1).trim() };
  return null;
}

/** Chinese text has no spaces between wrapped lines; Latin words keep one. */
function joinLines(lines: string[]): string {
  return lines.reduce((acc, next) => {
    if (!acc) return next;
    const needsSpace = /[A-Za-z0-9]$/.test(acc) && /^[A-Za-z0-9]/.test(next);
    return acc + (needsSpace ? ' ' : '') + next;
  }, '');
}

function splitCells(line: string): string[] {
  const inner = line.replace(/^\|/, '').replace(/\|$/, '');
  return inner.split('|').map((c) => c.trim());
}

/** pdfmake needs rectangular tables; short rows are padded with empty cells. */
function normaliseRows(rows: string[][]): string[][] {
  const width = Math.max(0, ...rows.map((r) => r.length));
  return rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
}

/**
 * `**text**` marks bold spans inside a line. A run of more stars is text, not markup: a masked ID
 * number (330102********4526) keeps all eight.
 */
export function splitBold(text: string): { text: string; bold: boolean }[] {
  const parts: { text: string; bold: boolean }[] = [];
  const re = /(?<!\*)\*\*(?!\*)(.+?)(?<!\*)\*\*(?!\*)/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index), bold: false });
    parts.push({ text: m[1], bold: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), bold: false });
  return parts;
}
