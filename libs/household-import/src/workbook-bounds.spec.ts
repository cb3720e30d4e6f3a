import JSZip from 'jszip';
import { AppError } from '@app/common';
import { buildTemplateWorkbook, parseHouseholdWorkbook } from './household-workbook';
import { WORKBOOK_LIMITS, assertWorkbookWithinLimits } from './workbook-bounds';

const SHEET = 'xl/worksheets/sheet1.xml';
const TODAY = '2026-11-20';

/** The import template with its first sheet's XML replaced. */
async function withSheet(xml: string | Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await buildTemplateWorkbook());
  zip.file(SHEET, xml);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 1 } });
}

const sheet = (data: string, after = '') =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${data}</sheetData>${after}</worksheet>`;

/** Refused with 413 WORKBOOK_TOO_LARGE naming the file (how fast is in docs/trust.md, not asserted). */
async function refusal(bytes: Buffer): Promise<{ status: number; code: string; field: string }> {
  try {
    await parseHouseholdWorkbook(bytes, TODAY);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { status: e.status, code: e.code, field: e.details[0]?.field };
  }
  throw new Error('accepted');
}

describe('import workbook limits, counted while inflating', () => {
  it('refuses a zip bomb (a sheet of 200 MB in a few hundred KB) within a second', async () => {
    // Rows, then 200 MB of blanks: deflate makes it about 200 KB (the report's was 416 KB for 400 MB).
    const row = '<row r="2"><c r="A2" t="inlineStr"><is><t>H1</t></is></c></row>';
    const body = Buffer.alloc(200 * 1024 * 1024, ' ');
    const head = Buffer.from(sheet(row.repeat(10)).replace('</sheetData></worksheet>', ''));
    head.copy(body);
    Buffer.from('</sheetData></worksheet>').copy(body, body.length - 24);
    const bomb = await withSheet(body);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const rss = process.memoryUsage().rss;
    const r = await refusal(bomb);
    expect(r).toEqual({ status: 413, code: 'WORKBOOK_TOO_LARGE', field: 'file' });
    expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
  }, 60_000);

  it('counts the bytes actually inflated, not the sizes the zip declares', async () => {
    const bomb = await withSheet(Buffer.alloc(WORKBOOK_LIMITS.inflatedBytes + 1024, ' '));
    // Both headers of the sheet claim 100 bytes (local header: offset 22; central directory: 24).
    const name = Buffer.from(SHEET);
    for (const [signature, sizeAt, nameAt] of [
      [0x04034b50, 22, 30],
      [0x02014b50, 24, 46],
    ])
      for (let i = 0; i < bomb.length - 4; i++)
        if (
          bomb.readUInt32LE(i) === signature &&
          bomb.subarray(i + nameAt, i + nameAt + name.length).equals(name)
        )
          bomb.writeUInt32LE(100, i + sizeAt);
    await expect(assertWorkbookWithinLimits(bomb)).rejects.toMatchObject({ limit: 'inflatedBytes' });
  });

  it.each([
    ['rows', sheet('<row/>'.repeat(WORKBOOK_LIMITS.rows + 1))],
    ['cells', sheet(`<row>${'<c/>'.repeat(WORKBOOK_LIMITS.cells + 1)}</row>`)],
    ['elements', sheet(`<row><c><v>1</v></c></row>`, '<x/>'.repeat(WORKBOOK_LIMITS.elements))],
  ])('refuses a workbook over the %s limit, however small it is zipped', async (limit, xml) => {
    const bytes = await withSheet(xml);
    expect(bytes.length).toBeLessThan(200 * 1024);
    await expect(assertWorkbookWithinLimits(bytes)).rejects.toMatchObject({
      limit,
      status: 413,
      details: [{ field: 'file', message: expect.stringMatching(/[\u4e00-\u9fff]/) }],
    });
  });

  it('counts elements whose tag is split across two inflated chunks, once each', async () => {
    // The template's notes sheet has rows of its own.
    const zip = await JSZip.loadAsync(await buildTemplateWorkbook());
    const notes = (await zip.file('xl/worksheets/sheet2.xml')!.async('string')).match(/<row[ >]/g)!.length;
    // Rows of odd length, so that many a '<row' straddles a chunk boundary.
    const rows = (n: number) => withSheet(sheet('<row  />'.repeat(n)));
    await expect(
      assertWorkbookWithinLimits(await rows(WORKBOOK_LIMITS.rows - notes)),
    ).resolves.toBeUndefined();
    await expect(
      assertWorkbookWithinLimits(await rows(WORKBOOK_LIMITS.rows - notes + 1)),
    ).rejects.toMatchObject({
      limit: 'rows',
    });
  });

  it('refuses a zip of too many entries before inflating any', async () => {
    const zip = new JSZip();
    for (let i = 0; i <= WORKBOOK_LIMITS.entries; i++) zip.file(`x/${i}.xml`, '<a/>');
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    await expect(assertWorkbookWithinLimits(bytes)).rejects.toMatchObject({ limit: 'entries' });
  });

  it('reads only the cells: a whole-sheet data validation or merge is not expanded cell by cell', async () => {
    const header = (await parseHouseholdWorkbook(await buildTemplateWorkbook(), TODAY)).errors;
    expect(header).toEqual([]);
    const zip = await JSZip.loadAsync(await buildTemplateWorkbook());
    const xml = (await zip.file(SHEET)!.async('string')).replace(
      '</worksheet>',
      '<mergeCells count="1"><mergeCell ref="B5:XFD1048576"/></mergeCells>' +
        '<dataValidations count="1"><dataValidation type="list" sqref="A5:XFD1048576"><formula1>"a"</formula1></dataValidation></dataValidations></worksheet>',
    );
    const parsed = await parseHouseholdWorkbook(await withSheet(xml), TODAY);
    expect(parsed.errors).toEqual([]);
    expect(parsed.households.map((h) => h.key)).toEqual(['H001']);
  });

  /** The import template with these defined names in its xl/workbook.xml. */
  async function withDefinedNames(names: string): Promise<Buffer> {
    const zip = await JSZip.loadAsync(await buildTemplateWorkbook());
    const xml = await zip.file('xl/workbook.xml')!.async('string');
    zip.file('xl/workbook.xml', xml.replace('<calcPr', `<definedNames>${names}</definedNames><calcPr`));
    return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  }

  it('does not expand a defined name cell by cell (a name over ten million cells)', async () => {
    // exceljs makes one object per cell a name covers: the reported 8 KB file took 4 s and +0.9 GB.
    const bomb = await withDefinedNames(
      '<definedName name="bomb">家庭成员!$A$1:$J$1000000</definedName>' +
        '<definedName name="two">\'家庭成员\'!$A$1:$J$500000,填写说明!$A$1:$J$500000</definedName>',
    );
    expect(bomb.length).toBeLessThan(16 * 1024);
    const rss = process.memoryUsage().rss;
    const parsed = await parseHouseholdWorkbook(bomb, TODAY);
    expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
    expect(parsed.errors).toEqual([]);
    expect(parsed.households.map((h) => h.key)).toEqual(['H001']);
  });

  it('imports a workbook with the names Excel adds itself (filter, print area and titles)', async () => {
    const parsed = await parseHouseholdWorkbook(
      await withDefinedNames(
        '<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">家庭成员!$A$1:$Q$3</definedName>' +
          '<definedName name="_xlnm.Print_Area" localSheetId="0">家庭成员!$A$1:$Q$3</definedName>' +
          '<definedName name="_xlnm.Print_Titles" localSheetId="0">家庭成员!$1:$1</definedName>' +
          '<definedName name="whole_columns">家庭成员!$A:$Q</definedName>' +
          '<definedName name="gone">#REF!</definedName>',
      ),
      TODAY,
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.households.map((h) => h.key)).toEqual(['H001']);
  });

  it("refuses a row numbered past Excel's last row at once, and reads one on the last row", async () => {
    // The template (header and one household) with a note on row r.
    const at = async (r: number) => {
      const zip = await JSZip.loadAsync(await buildTemplateWorkbook());
      const xml = (await zip.file(SHEET)!.async('string')).replace(
        '</sheetData>',
        `<row r="${r}"><c r="R${r}" t="inlineStr"><is><t>备注</t></is></c></row></sheetData>`,
      );
      return withSheet(xml);
    };
    const r = await refusal(await at(99_999_999));
    expect(r).toEqual({ status: 413, code: 'WORKBOOK_TOO_LARGE', field: 'file' });
    const last = await parseHouseholdWorkbook(await at(WORKBOOK_LIMITS.rowNumber), TODAY);
    expect(last.households.map((h) => h.key)).toEqual(['H001']);
  }, 120_000);

  it('accepts a full import of 5000 rows', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('家庭成员');
    s.addRow(Array.from({ length: 17 }, (_, i) => `列${i}`));
    for (let r = 0; r < 5000; r++)
      s.addRow([`H${r}`, '410799100202', `陈桂兰${r}`, '410799195602140027', '申请人']);
    await expect(
      assertWorkbookWithinLimits(Buffer.from(await wb.xlsx.writeBuffer())),
    ).resolves.toBeUndefined();
  });

  it('leaves bytes that are not a zip to the workbook reader', async () => {
    await expect(assertWorkbookWithinLimits(Buffer.from('not a zip'))).resolves.toBeUndefined();
  });
});
