import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { withCheckDigit } from '@app/assistance';
import { HOUSEHOLD_COLUMNS } from '@app/household-import';
import { TestApp } from './support/test-app';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => {
  await t?.stop();
});

async function template(): Promise<ExcelJS.Workbook> {
  const res = await t.download('clerk', '/api/households/import-template');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe(XLSX);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.body);
  return wb;
}

/** The template's data sheet without its example rows, keyed so rows can be added by column name. */
function emptySheet(wb: ExcelJS.Workbook): ExcelJS.Worksheet {
  const example = wb.getWorksheet('家庭成员')!;
  wb.removeWorksheet(example.id);
  const sheet = wb.addWorksheet('家庭成员');
  sheet.columns = HOUSEHOLD_COLUMNS.map((c) => ({ header: c.header, key: c.key }));
  return sheet;
}

async function upload(wb: ExcelJS.Workbook, query = '') {
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  const token = await t.token('clerk');
  return t.http
    .post(`/api/households/import${query}`)
    .set('Authorization', `Bearer ${token}`)
    .set('Content-Type', XLSX)
    .send(bytes);
}

const count = async () => (await t.query(`SELECT count(*)::int AS n FROM assessment`))[0].n as number;

describe('household import from an Excel workbook', () => {
  it('offers a template with the columns, an example and the allowed values', async () => {
    const wb = await template();
    const sheet = wb.getWorksheet('家庭成员')!;
    const headers = (sheet.getRow(1).values as string[]).filter(Boolean);
    expect(headers).toEqual(
      expect.arrayContaining(['户编号', '身份证号码', '与申请人关系', '健康状况', '年工资性收入（元）']),
    );
    expect(sheet.getRow(2).getCell(4).value).toBe('410799198103050012');
    const rules = wb.getWorksheet('填写说明')!;
    expect(JSON.stringify(rules.getSheetValues())).toContain('慢性病');
  });

  it('reports every bad row in Chinese and imports nothing; on request imports only the valid households', async () => {
    const wb = await template();
    const sheet = emptySheet(wb);
    const row = (values: Record<string, unknown>) => sheet.addRow(values);
    // H1: DOMAIN.md worked example (valid). H2: three mistakes. H3: a lone elder (valid). H4: outside the clerk's township.
    row({
      householdKey: 'H1',
      regionCode: '410799100201',
      name: '王建国',
      idNumber: '410799198103050012',
      relation: '申请人',
      health: '健康',
      workType: '务工',
      medical: 3600,
    });
    row({
      householdKey: 'H1',
      regionCode: '410799100201',
      name: '刘秀英',
      idNumber: '41079919830611002X',
      relation: '配偶',
      health: '慢性病',
      workType: '务农',
    });
    row({
      householdKey: 'H1',
      regionCode: '410799100201',
      name: '王小明',
      idNumber: '410799201109020038',
      relation: '子女',
      health: '健康',
      schoolLevel: '初中',
    });
    row({
      householdKey: 'H2',
      regionCode: '410799100201',
      name: '赵错误',
      idNumber: '410799198103050013',
      relation: '申请人',
      health: '健康',
      wage: '12.345',
    });
    row({
      householdKey: 'H2',
      regionCode: '410799100201',
      name: '钱错误',
      idNumber: '41079919830611002X',
      relation: '舅舅',
      health: '健康',
    });
    row({
      householdKey: 'H3',
      regionCode: '410799100202',
      name: '陈桂兰',
      idNumber: '410799195602140027',
      relation: '申请人',
      health: '慢性病',
    });
    row({
      householdKey: 'H4',
      regionCode: '410799101201',
      name: '孙外镇',
      idNumber: '410799196001010010',
      relation: '申请人',
      health: '健康',
    });
    const before = await count();

    const refused = await upload(wb);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/^工作簿有\d+处错误，未导入任何数据/);
    const fields = refused.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        '第5行·身份证号码',
        '第5行·年工资性收入（元）',
        '第6行·与申请人关系',
        '第8行·行政区划代码',
      ]),
    );
    expect(
      refused.body.details.find((d: { field: string }) => d.field === '第5行·身份证号码').message,
    ).toContain('校验码');
    expect(await count()).toBe(before);

    const partial = await upload(wb, '?validOnly=true');
    expect(partial.status).toBe(200);
    expect(partial.body.imported.map((h: { householdKey: string }) => h.householdKey)).toEqual(['H1', 'H3']);
    expect(partial.body.skipped.map((h: { householdKey: string }) => h.householdKey)).toEqual(['H2', 'H4']);
    expect(partial.body.imported[0]).toMatchObject({
      eligible: true,
      benefitMonthlyFen: 62_700,
      rows: [2, 3, 4],
    });
    expect(await count()).toBe(before + 2);
  });

  it('gives the same result as the API: region default work type, disability certificate, tuition per student', async () => {
    const id = (birth: string, seq: string) => withCheckDigit(`410799${birth}${seq}`);
    const father = id('19800305', '071');
    const son = id('20050412', '031');
    const daughter = id('20060921', '042');
    const younger = id('20090615', '062');
    const wb = await template();
    const sheet = emptySheet(wb);
    const base = { householdKey: 'S1', regionCode: '410799100201', health: '健康' };
    // workType blank: the region's whenWorkTypeUnknown (odd jobs), as the API does.
    sheet.addRow({ ...base, name: '王大山', idNumber: father, relation: '申请人', homes: 1 });
    sheet.addRow({
      ...base,
      name: '王小山',
      idNumber: son,
      relation: '子女',
      workType: '无',
      disabilityGrade: 1,
      disabilityType: '肢体',
    });
    sheet.addRow({
      ...base,
      name: '王小花',
      idNumber: daughter,
      relation: '子女',
      schoolLevel: '本科',
      tuition: 9000,
    });
    sheet.addRow({
      ...base,
      name: '王小草',
      idNumber: younger,
      relation: '子女',
      schoolLevel: '高中',
      tuition: 3000,
    });
    const res = await upload(wb);
    expect(res.status).toBe(200);
    const investigator = await t.as('investigator');
    const imported = (
      await investigator.get(`/api/assessments/${res.body.imported[0].assessmentId}`).expect(200)
    ).body.result;

    const person = (name: string, idNumber: string, relation: string, extra: object = {}) => ({
      name,
      idNumber,
      relation,
      cohabitation: { livesTogetherLongTerm: true },
      health: 'healthy',
      incomes: [],
      ...extra,
    });
    const viaApi = await investigator
      .post('/api/assessments', {
        regionCode: '410799100201',
        household: {
          members: [
            person('王大山', father, 'applicant'),
            person('王小山', son, 'child', { workType: 'none', disability: { grade: 1, type: 'physical' } }),
            person('王小花', daughter, 'child', { student: { fullTime: true, level: 'bachelor' } }),
            person('王小草', younger, 'child', { student: { fullTime: true, level: 'senior_high' } }),
          ],
          supporters: [],
          assets: {
            depositsFen: 0,
            securitiesFen: 0,
            vehicles: [],
            homes: { count: 1, luxury: false },
            businesses: [],
          },
          exclusionFacts: {},
          rigidExpenditures: [
            { kind: 'tuition', annualFen: 900_000, memberIdNumber: daughter },
            { kind: 'tuition', annualFen: 300_000, memberIdNumber: younger },
          ],
        },
      })
      .expect(201);
    expect(imported).toEqual(viaApi.body.result);

    const father45 = imported.members.find((m: { name: string }) => m.name === '王大山');
    expect(father45).toMatchObject({ imputedKind: 'odd_jobs', imputedIncomeFen: { num: 1_425_600, den: 1 } });
    expect(
      imported.rigidDeductions.map((d: { memberIdNumber: string; deductedFen: unknown }) => [
        d.memberIdNumber,
        d.deductedFen,
      ]),
    ).toEqual(
      [
        [daughter, { num: 800_000, den: 1 }],
        [younger, { num: 300_000, den: 1 }],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(imported.benefit.increments).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: '王小山', category: 'severely_disabled' })]),
    );
  });

  it('refuses tuition on a row that is not a full-time student', async () => {
    const wb = await template();
    emptySheet(wb).addRow({
      householdKey: 'T1',
      regionCode: '410799100201',
      name: '王建国',
      idNumber: '410799198103050012',
      relation: '申请人',
      health: '健康',
      tuition: 3000,
    });
    const res = await upload(wb);
    expect(res.status).toBe(400);
    expect(res.body.details[0]).toMatchObject({
      field: '第2行·年学费（元）',
      message: expect.stringContaining('学生本人所在行'),
    });
  });

  it('catches an ID number Excel turned into a number', async () => {
    const wb = await template();
    const sheet = emptySheet(wb);
    sheet.addRow({
      householdKey: 'N1',
      regionCode: '410799100201',
      name: '数字号',
      idNumber: 410799198103050000,
      relation: '申请人',
      health: '健康',
    });
    const res = await upload(wb);
    expect(res.status).toBe(400);
    expect(res.body.details[0]).toMatchObject({
      field: '第2行·身份证号码',
      message: expect.stringContaining('文本'),
    });
  });

  it('refuses an empty workbook instead of reporting success', async () => {
    const wb = await template();
    emptySheet(wb);
    const res = await upload(wb);
    expect(res.status).toBe(400);
    expect(res.body.details[0].message).toContain('没有需要导入的数据行');
  });

  it('refuses files that are not workbooks, and wrong content types', async () => {
    const token = await t.token('clerk');
    const junk = await t.http
      .post('/api/households/import')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', XLSX)
      .send(Buffer.from('not a zip file'));
    expect(junk.status).toBe(400);
    expect(junk.body.details[0].message).toContain('不是有效的 Excel 工作簿');
    const text = await t.http
      .post('/api/households/import')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'text/csv')
      .send('a,b');
    expect(text.status).toBe(415);
  });

  it('refuses a zip bomb (400 MB of XML in under 2 MB) with a 413 within two seconds, three at once too, storing nothing', async () => {
    const wb = await template();
    emptySheet(wb).addRow({ householdKey: 'H1', regionCode: '410799100201', name: '王建国' });
    const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
    const path = Object.keys(zip.files).find((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p))!;
    // The sheet's rows, then 400 MB of blanks before its end tag: still a well-formed worksheet.
    const xml = (await zip.file(path)!.async('string')).replace('</worksheet>', '');
    const sheet = Buffer.alloc(400 * 1024 * 1024, ' ');
    sheet.write(xml);
    sheet.write('</worksheet>', sheet.length - '</worksheet>'.length);
    zip.file(path, sheet);
    const bomb = await zip.generateAsync({
      type: 'nodebuffer',
      compression: 'DEFLATE',
      compressionOptions: { level: 1 },
    });
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);

    const before = await t.query(
      `SELECT (SELECT count(*) FROM assessment) AS a, (SELECT count(*) FROM audit_entry) AS e`,
    );
    const res = await t.http
      .post('/api/households/import')
      .set('Authorization', `Bearer ${await t.token('clerk')}`)
      .set('Content-Type', XLSX)
      .send(bomb);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      code: 'WORKBOOK_TOO_LARGE',
      message: expect.stringContaining('工作簿过大'),
      details: [{ field: 'file', message: expect.stringContaining('解压后超过20 MB') }],
    });

    // Three at once used to starve the health check for over a minute.
    const token = await t.token('clerk');
    const send = () =>
      t.http
        .post('/api/households/import')
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', XLSX)
        .send(bomb);
    const health = (async () => {
      await new Promise((r) => setTimeout(r, 50));
      return (await t.http.get('/api/health')).status;
    })();
    const answers = await Promise.all([send(), send(), send()]);
    expect(answers.map((a) => a.status)).toEqual([413, 413, 413]);
    expect(await health).toBe(200);
    expect(
      await t.query(`SELECT (SELECT count(*) FROM assessment) AS a, (SELECT count(*) FROM audit_entry) AS e`),
    ).toEqual(before);
  }, 60_000);
});
