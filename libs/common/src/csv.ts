/**
 * The one CSV writer: what county office spreadsheets open correctly. UTF-8 with a BOM (Excel reads
 * the Chinese), CRLF, a cell quoted when it holds a comma, a quote or a line break. A text cell that
 * a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage return) is
 * written with a leading apostrophe, so a name or a note typed by anyone is shown, never executed.
 * Numbers are written as numbers.
 */
export type CsvCell = string | number;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvText(rows: readonly (readonly CsvCell[])[]): string {
  return '\ufeff' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
