import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { HOUSEHOLD_COLUMNS } from '@app/household-import';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A valid one-person household row of the import template, by column key. */
export const IMPORT_ROW: Record<string, unknown> = {
  householdKey: 'H1',
  regionCode: '410799100202',
  name: '陈桂兰',
  idNumber: '410799195602140027',
  relation: '申请人',
  health: '慢性病',
};

/** The import workbook with the given rows (column keys as in HOUSEHOLD_COLUMNS). */
export async function workbook(rows: Record<string, unknown>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('家庭成员');
  sheet.columns = HOUSEHOLD_COLUMNS.map((c) => ({ header: c.header, key: c.key }));
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The import workbook of these rows (one valid row by default) with its first sheet's XML changed. */
export async function workbookWithSheet(
  xml: (original: string) => string | Buffer,
  rows = [IMPORT_ROW],
): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await workbook(rows));
  const path = 'xl/worksheets/sheet1.xml';
  zip.file(path, xml(await zip.file(path)!.async('string')));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 1 } });
}

/** The import workbook of these rows with defined names (`<definedName>` elements) in xl/workbook.xml. */
export async function workbookWithNames(names: string, rows = [IMPORT_ROW]): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await workbook(rows));
  const path = 'xl/workbook.xml';
  const xml = await zip.file(path)!.async('string');
  zip.file(path, xml.replace('<calcPr', `<definedNames>${names}</definedNames><calcPr`));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A sheet of `mb` megabytes that deflates to about a thousandth: its rows, then blanks. */
export function blankPadded(original: string, mb: number): Buffer {
  const end = '</worksheet>';
  const body = Buffer.alloc(mb * 1024 * 1024, ' ');
  Buffer.from(original.replace(end, '')).copy(body);
  Buffer.from(end).copy(body, body.length - end.length);
  return body;
}
