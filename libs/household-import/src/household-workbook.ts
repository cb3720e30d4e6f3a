import type ExcelJSModule from 'exceljs';

/** exceljs is loaded on first use: it is the heaviest module of the API and only imports need it. */
async function excel(): Promise<typeof ExcelJSModule> {
  return (await import('exceljs')).default;
}
import { Household, Member, validateHousehold, yuanToFen } from '@app/assessment';
import { residentIdProblem } from '@app/assistance';
import { missingGlyphsMessage } from '@app/documents';
import {
  COLUMNS,
  ColumnKey,
  DISABILITY_GRADES,
  DISABILITY_TYPES,
  HEALTH,
  INCOME_COLUMNS,
  RELATIONS,
  SCHOOL,
  WORK,
  headerOf,
} from './household-columns';
import { MAX_ROWS, assertRowNumbersWithinLimits, assertWorkbookWithinLimits } from './workbook-bounds';

/** Controls, bidi overrides and isolates, BOM, non-characters: never part of a cell's real text. */
const CONTROL_CHAR =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/;
const PERSON_NAME = /^(?=.*\p{L})[\p{Script=Han}\p{L}·. \u3000]+$/u;

/** The same rule as an application's names: letters and 间隔号, at most 50, printable in documents. */
function personNameProblem(name: string): string | undefined {
  if ([...name].length > 50) return '姓名不能超过50个字';
  if (!PERSON_NAME.test(name)) return '姓名只能包含文字和间隔号';
  return missingGlyphsMessage(name);
}

export const SHEET = '家庭成员';

/** Every part of a worksheet but its cells (sheetData): exceljs's names for them. */
const IGNORED_SHEET_PARTS = [
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'autoFilter',
  'mergeCells',
  'rowBreaks',
  'hyperlinks',
  'pageMargins',
  'dataValidations',
  'pageSetup',
  'headerFooter',
  'printOptions',
  'picture',
  'drawing',
  'sheetProtection',
  'tableParts',
  'conditionalFormatting',
  'extLst',
];

/** The one step of exceljs's reader used here: it hands the parsed parts to the workbook. */
interface WorkbookReader {
  reconcile(model: { definedNames?: unknown[] }, options: unknown): void;
}

/**
 * Makes the reader forget the workbook's defined names before it applies them. exceljs turns a name
 * into one object per cell it covers (an 8 KB file naming `$A$1:$J$1000000` took 4 s and 0.9 GB; a
 * whole-sheet name would never return), and it has no option to skip them. The import reads no
 * names, and Excel adds some by itself (filter, print area), so they are dropped, never refused.
 */
function withoutDefinedNames(wb: ExcelJSModule.Workbook): void {
  const reader = wb.xlsx as unknown as WorkbookReader;
  if (typeof reader.reconcile !== 'function') {
    // A newer exceljs: failing here is better than expanding names again unnoticed.
    throw new Error('exceljs reader has no reconcile step; defined names cannot be dropped');
  }
  const reconcile = reader.reconcile.bind(reader);
  reader.reconcile = (model, options) => {
    model.definedNames = [];
    reconcile(model, options);
  };
}

export interface RowError {
  row: number;
  column: string;
  message: string;
}

export interface ParsedHousehold {
  key: string;
  regionCode: string;
  rows: number[];
  household: Household;
}

/** The blank workbook offered for download: headers, one example household, and the rules. */
export async function buildTemplateWorkbook(): Promise<Buffer> {
  const wb = new (await excel()).Workbook();
  const sheet = wb.addWorksheet(SHEET);
  sheet.columns = COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: Math.max(12, c.header.length * 2 + 2),
  }));
  sheet.getColumn('idNumber').numFmt = '@'; // an 18-digit number would lose its last digits as a number
  sheet.getRow(1).font = { bold: true };
  sheet.addRow({
    householdKey: 'H001',
    regionCode: '410799100201',
    name: '王建国',
    idNumber: '410799198103050012',
    relation: '申请人',
    health: '健康',
    workType: '务工',
    deposits: 3000,
    homes: 1,
    medical: 3600,
  });
  sheet.addRow({
    householdKey: 'H001',
    regionCode: '410799100201',
    name: '刘秀英',
    idNumber: '41079919830611002X',
    relation: '配偶',
    health: '慢性病',
    workType: '务农',
  });
  const rules = wb.addWorksheet('填写说明');
  rules.addRow(['列', '说明 / 可选值']);
  rules.getRow(1).font = { bold: true };
  const choices: Partial<Record<ColumnKey, string[]>> = {
    relation: Object.keys(RELATIONS),
    health: Object.keys(HEALTH),
    workType: Object.keys(WORK),
    schoolLevel: Object.keys(SCHOOL),
    disabilityGrade: Object.keys(DISABILITY_GRADES),
    disabilityType: Object.keys(DISABILITY_TYPES),
  };
  for (const c of COLUMNS)
    rules.addRow([
      c.header,
      [('note' in c ? c.note : '') || '', choices[c.key]?.join('、') ?? ''].filter(Boolean).join('；'),
    ]);
  rules.getColumn(1).width = 24;
  rules.getColumn(2).width = 80;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Reads the workbook row by row; every problem is reported with its row and column. */
export async function parseHouseholdWorkbook(
  bytes: Buffer,
  today: string,
): Promise<{ households: ParsedHousehold[]; errors: RowError[] }> {
  await assertWorkbookWithinLimits(bytes);
  const wb = new (await excel()).Workbook();
  withoutDefinedNames(wb);
  try {
    // Only the cells are read: exceljs expands merged ranges, validations and column specs cell by
    // cell, so a few bytes (sqref="A1:XFD1048576") would otherwise make billions of objects.
    await wb.xlsx.load(bytes as unknown as ArrayBuffer, { ignoreNodes: IGNORED_SHEET_PARTS });
  } catch {
    return {
      households: [],
      errors: [{ row: 0, column: '文件', message: '不是有效的 Excel 工作簿（.xlsx）' }],
    };
  }
  const sheet = wb.getWorksheet(SHEET) ?? wb.worksheets[0];
  if (!sheet) return { households: [], errors: [{ row: 0, column: '文件', message: '工作簿中没有工作表' }] };
  // rowCount is the largest row number, read without walking the rows.
  assertRowNumbersWithinLimits(sheet.rowCount);
  const errors: RowError[] = [];
  const header = (sheet.getRow(1).values as unknown[]).map((v) => cellText(v));
  const index = new Map<ColumnKey, number>();
  for (const c of COLUMNS) {
    const at = header.indexOf(c.header);
    // Columns added later are optional, so a workbook filled in from an older template still reads.
    if (at < 0 && !('optional' in c && c.optional))
      errors.push({ row: 1, column: c.header, message: '缺少此列，请使用下载的模板' });
    else if (at >= 0) index.set(c.key, at);
  }
  if (errors.length) return { households: [], errors };
  if (sheet.actualRowCount - 1 > MAX_ROWS) {
    return { households: [], errors: [{ row: 0, column: '文件', message: `一次最多导入${MAX_ROWS}行` }] };
  }

  const groups = new Map<
    string,
    {
      regionCode: string;
      rows: number[];
      members: Member[];
      /** Each student's tuition from their own row: the cap is per person. */
      tuition: { idNumber: string; fen: number }[];
      applicantRow?: Record<ColumnKey, string>;
    }
  >();
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const values = row.values as unknown[];
    const cell = {} as Record<ColumnKey, string>;
    for (const c of COLUMNS) {
      const at = index.get(c.key);
      cell[c.key] = at === undefined ? '' : cellText(values[at]).trim();
    }
    if (Object.values(cell).every((v) => v === '')) return;
    const bad = (key: ColumnKey, message: string) =>
      errors.push({ row: rowNumber, column: headerOf(key), message });
    const required = (key: ColumnKey) => cell[key] === '' && bad(key, '不能为空');
    (['householdKey', 'regionCode', 'name', 'idNumber', 'relation', 'health'] as ColumnKey[]).forEach(
      required,
    );
    for (const c of COLUMNS) if (CONTROL_CHAR.test(cell[c.key])) bad(c.key, '含有不允许的控制字符');
    if (cell.name) {
      const problem = personNameProblem(cell.name);
      if (problem) bad('name', problem);
    }
    if (cell.regionCode && !/^\d{12}$/.test(cell.regionCode))
      bad('regionCode', '应为12位村（社区）行政区划代码');
    if (typeof values[index.get('idNumber')!] === 'number')
      bad('idNumber', '身份证号码被存成了数字，末几位已丢失，请把此列设为文本后重新填写');
    else if (cell.idNumber) {
      const problem = residentIdProblem(cell.idNumber, today);
      if (problem) bad('idNumber', problem);
    }
    const choose = <T>(key: ColumnKey, table: Record<string, T>, fallback?: T): T | undefined => {
      if (cell[key] === '') return fallback;
      if (!(cell[key] in table)) bad(key, `“${cell[key]}”不在可选范围内（${Object.keys(table).join('、')}）`);
      return table[cell[key]];
    };
    const money = (key: ColumnKey): number => {
      const fen = fenOrNull(cell[key]);
      if (fen === null) bad(key, '应为不小于零的金额，最多两位小数');
      return fen ?? 0;
    };
    const relation = choose('relation', RELATIONS);
    const health = choose('health', HEALTH);
    // Blank leaves it to the region's whenWorkTypeUnknown, exactly as the API does.
    const workType = choose('workType', WORK);
    const school = choose('schoolLevel', SCHOOL);
    const grade = choose('disabilityGrade', DISABILITY_GRADES);
    const disabilityType = choose('disabilityType', DISABILITY_TYPES);
    if ((cell.disabilityGrade === '') !== (cell.disabilityType === ''))
      bad(cell.disabilityGrade ? 'disabilityType' : 'disabilityGrade', '残疾证等级与残疾类别应同时填写');
    const tuition = money('tuition');
    if (tuition > 0 && !school) bad('tuition', '学费应填在全日制在校学生本人所在行，并填写其在校学段');
    const incomes = INCOME_COLUMNS.map(([key, kind]) => ({ kind, annualFen: money(key) })).filter(
      (i) => i.annualFen > 0,
    );
    const member: Member = {
      name: cell.name,
      idNumber: cell.idNumber,
      relation: relation ?? 'other',
      cohabitation: { livesTogetherLongTerm: true },
      health: health ?? 'healthy',
      incomes,
      ...(workType ? { workType } : {}),
      ...(school ? { student: { fullTime: true, level: school } } : {}),
      ...(grade && disabilityType ? { disability: { grade, type: disabilityType } } : {}),
    };
    const group = groups.get(cell.householdKey) ?? {
      regionCode: cell.regionCode,
      rows: [],
      members: [],
      tuition: [],
    };
    if (tuition > 0) group.tuition.push({ idNumber: cell.idNumber, fen: tuition });
    if (group.regionCode !== cell.regionCode) bad('regionCode', `与同户第${group.rows[0]}行不一致`);
    group.rows.push(rowNumber);
    group.members.push(member);
    if (relation === 'applicant') group.applicantRow = cell;
    for (const key of ['deposits', 'securities', 'medical'] as ColumnKey[]) money(key);
    groups.set(cell.householdKey, group);
  });

  if (!groups.size && !errors.length) {
    return { households: [], errors: [{ row: 0, column: '文件', message: '工作簿中没有需要导入的数据行' }] };
  }
  const households: ParsedHousehold[] = [];
  for (const [key, group] of groups) {
    const firstRow = group.rows[0];
    const a = group.applicantRow;
    if (!a) {
      errors.push({ row: firstRow, column: headerOf('relation'), message: `户编号“${key}”没有申请人` });
      continue;
    }
    const fen = (k: ColumnKey) => fenOrNull(a[k]) ?? 0;
    const household: Household = {
      members: group.members,
      supporters: [],
      assets: {
        depositsFen: fen('deposits'),
        securitiesFen: fen('securities'),
        vehicles: [],
        homes: { count: Number(a.homes || 1), luxury: false },
        businesses: [],
      },
      exclusionFacts: {},
      rigidExpenditures: [
        ...(fen('medical') > 0 ? [{ kind: 'medical' as const, annualFen: fen('medical') }] : []),
        ...group.tuition.map((t) => ({
          kind: 'tuition' as const,
          annualFen: t.fen,
          memberIdNumber: t.idNumber,
        })),
      ],
    };
    if (!/^\d+$/.test(a.homes || '1'))
      errors.push({
        row: group.rows[group.members.findIndex((m) => m.relation === 'applicant')],
        column: headerOf('homes'),
        message: '应为整数',
      });
    const rowErrors = errors.filter((e) => group.rows.includes(e.row));
    if (!rowErrors.length) {
      for (const p of validateHousehold(household, today)) {
        const member = /^members\[(\d+)\]/.exec(p.field);
        errors.push({
          row: member ? group.rows[Number(member[1])] : firstRow,
          column: p.field,
          message: p.message,
        });
      }
    }
    households.push({ key, regionCode: group.regionCode, rows: group.rows, household });
  }
  errors.sort((x, y) => x.row - y.row);
  return { households, errors };
}

/** Yuan text → integer fen (exact); '' is zero; anything else, or a negative amount, is null. */
function fenOrNull(text: string): number | null {
  if (text === '') return 0;
  try {
    const fen = yuanToFen(text);
    return fen >= 0 ? fen : null;
  } catch {
    return null;
  }
}

/** Cell values come as numbers, strings, rich text, hyperlinks or formula results. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const v = value as { result?: unknown; richText?: { text: string }[]; text?: unknown };
  if ('result' in v) return cellText(v.result);
  if (v.richText) return v.richText.map((r) => r.text).join('');
  if ('text' in v) return cellText(v.text);
  return '';
}
