import type { TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';

/** One line of the 卷内目录: a file in the 案卷, in filing order. */
export interface TocRow {
  seq: number;
  title: string;
  number: string;
  responsible: string;
  date: string;
  extent: string;
  remark: string;
  /** Name of the file inside the ZIP. */
  fileName: string;
}

export interface TocHeader {
  caseNo: string;
  applicantName: string;
  programName: string;
  regionName: string;
  compiledOn: string;
  compiledBy: string;
}

export const TOC_COLUMNS = ['序号', '文件题名', '文号', '责任者', '日期', '页数/大小', '备注'] as const;

/** Registered by the documents library (libs/documents/src/layout/fonts.ts) for every PDF it renders. */
const FONT = 'NotoSerifSC';

function csvCell(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with a BOM and CRLF, so Excel on a county office PC opens the Chinese correctly. */
export function tocCsv(rows: TocRow[]): Buffer {
  const lines = [[...TOC_COLUMNS, '文件名'].map(csvCell).join(',')];
  for (const r of rows) {
    lines.push(
      [r.seq, r.title, r.number, r.responsible, r.date, r.extent, r.remark.replace(/\n/g, ' '), r.fileName]
        .map(csvCell)
        .join(','),
    );
  }
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

/** The 卷内目录 sheet: A4, one table row per file, header repeated on every page. */
export function tocDefinition(header: TocHeader, rows: TocRow[], createdAt: Date): TDocumentDefinitions {
  const cell = (text: string, extra: object = {}) => ({ text, ...extra });
  const body: TableCell[][] = [
    TOC_COLUMNS.map((h) => cell(h, { bold: true, alignment: 'center', fillColor: '#eeeeee' })),
    ...rows.map((r) => [
      cell(String(r.seq), { alignment: 'center' }),
      cell(r.title),
      cell(r.number),
      cell(r.responsible),
      cell(r.date, { alignment: 'center' }),
      cell(r.extent, { alignment: 'center' }),
      cell(r.remark, { fontSize: 7.5 }),
    ]),
  ];
  if (!rows.length)
    body.push([{ text: '（本卷暂无文件）', colSpan: 7, alignment: 'center' }, '', '', '', '', '', '']);
  return {
    pageSize: 'A4',
    pageMargins: [36, 50, 36, 50],
    compress: true,
    info: {
      title: `卷内目录 ${header.caseNo}`,
      creator: 'shehui-jiuzhu case file',
      producer: 'shehui-jiuzhu case file',
      creationDate: createdAt,
      modDate: createdAt,
    },
    defaultStyle: { font: FONT, fontSize: 9, lineHeight: 1.2 },
    content: [
      {
        text: '卷内目录',
        fontSize: 18,
        bold: true,
        alignment: 'center',
        characterSpacing: 6,
        margin: [0, 0, 0, 10],
      },
      {
        columns: [
          { text: `案件编号：${header.caseNo}`, width: '*' },
          { text: `申请人：${header.applicantName}`, width: 'auto' },
          { text: `救助项目：${header.programName}`, width: 'auto' },
        ],
        columnGap: 24,
        fontSize: 10,
        margin: [0, 0, 0, 4],
      },
      {
        columns: [
          { text: `所属地区：${header.regionName}`, width: '*' },
          { text: `立卷日期：${header.compiledOn}`, width: 'auto' },
          { text: `立卷人：${header.compiledBy}`, width: 'auto' },
        ],
        columnGap: 24,
        fontSize: 10,
        margin: [0, 0, 0, 8],
      },
      {
        table: { headerRows: 1, widths: [22, '*', 92, 78, 50, 40, 88], body },
        layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, paddingTop: () => 3, paddingBottom: () => 3 },
      },
    ],
    footer: (page: number, pages: number) => ({
      text: `${header.caseNo}  卷内目录  第 ${page} 页 / 共 ${pages} 页`,
      alignment: 'center',
      fontSize: 8,
      margin: [0, 20, 0, 0],
    }),
  };
}
