import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { cloneDefinition } from '@app/documents';

/** Registered by the documents library (libs/documents/src/layout/fonts.ts) for every PDF it renders. */
const FONT = 'NotoSerifSC';

/** One entry of the 目录: it starts on a new page; its sections are listed under it. */
export interface BundlePart {
  title: string;
  content: Content[];
}

export interface BundleHeader {
  caseNo: string;
  organName: string;
  applicantName: string;
  generatedOn: string;
  generatedBy: string;
}

/** A section inside a part, listed in the 目录 under its part with its own page. */
export function section(title: string, content: Content[], newPage = false): Content {
  return {
    stack: [
      {
        text: title,
        tocItem: true,
        tocMargin: [24, 0, 0, 0],
        bold: true,
        fontSize: 12,
        margin: [0, 8, 0, 6],
      } as Content,
      ...content,
    ],
    ...(newPage ? { pageBreak: 'before' as const } : {}),
  };
}

export function plainTable(headers: string[], rows: string[][], widths: (number | string)[]): Content {
  const body: TableCell[][] = [
    headers.map((h) => ({ text: h, bold: true, alignment: 'center', fillColor: '#eeeeee' })),
    ...rows.map((r) => r.map((c) => ({ text: c }))),
  ];
  if (!rows.length)
    body.push([
      { text: '（无）', colSpan: headers.length, alignment: 'center' },
      ...headers.slice(1).map(() => ''),
    ]);
  return {
    table: { headerRows: 1, widths, body, dontBreakRows: true },
    layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, paddingTop: () => 2, paddingBottom: () => 2 },
    fontSize: 8.5,
    margin: [0, 0, 0, 8],
  };
}

/** A document laid out by the documents library, kept in its own type size inside the bundle. */
export function embedded(definition: TDocumentDefinitions): Content {
  const content = Array.isArray(definition.content) ? definition.content : [definition.content];
  // Every embedded document names its title node alike; inside the bundle the ids serve nothing.
  return { stack: cloneDefinition(content, 'id'), ...(definition.defaultStyle ?? {}) } as Content;
}

/**
 * The 答复 bundle as one pdfmake document: a cover, the 目录 that pdfmake numbers from where each
 * part actually lands, then every part on a page of its own.
 */
export function bundleDefinition(
  header: BundleHeader,
  parts: BundlePart[],
  createdAt: Date,
  pageMargins: [number, number, number, number],
): TDocumentDefinitions {
  const content: Content[] = [
    { text: '行政复议答复材料', fontSize: 24, bold: true, alignment: 'center', margin: [0, 120, 0, 40] },
    ...[
      `答复人：${header.organName}`,
      `申请人：${header.applicantName}`,
      `案件编号：${header.caseNo}`,
      `制作日期：${header.generatedOn}`,
      `制作人：${header.generatedBy}`,
    ].map((line) => ({
      text: line,
      fontSize: 14,
      alignment: 'center' as const,
      margin: [0, 4, 0, 4] as [number, number, number, number],
    })),
    {
      toc: {
        title: { text: '目　录', fontSize: 18, bold: true, alignment: 'center', margin: [0, 0, 0, 16] },
        textStyle: { fontSize: 12 },
        numberStyle: { fontSize: 12 },
      },
      pageBreak: 'before',
    } as Content,
  ];
  for (const part of parts) {
    content.push(
      {
        text: part.title,
        tocItem: true,
        fontSize: 16,
        bold: true,
        pageBreak: 'before',
        margin: [0, 0, 0, 10],
      } as Content,
      ...part.content,
    );
  }
  return {
    pageSize: 'A4',
    pageMargins,
    compress: true,
    info: {
      title: `行政复议答复材料 ${header.caseNo}`,
      author: header.organName,
      creator: 'shehui-jiuzhu review defence',
      producer: 'shehui-jiuzhu review defence',
      creationDate: createdAt,
      modDate: createdAt,
    },
    defaultStyle: { font: FONT, fontSize: 10, lineHeight: 1.3 },
    content,
    footer: (page: number, pages: number) => ({
      text: `${header.caseNo}  行政复议答复材料  第 ${page} 页 / 共 ${pages} 页`,
      alignment: 'center',
      fontSize: 8,
      margin: [0, 20, 0, 0],
    }),
  };
}

/**
 * An entry's detail on one table cell: key: value pairs, long unbroken tokens (hashes, ids) split so
 * the cell wraps inside its column; the whole detail is in 操作记录.csv.
 */
export function auditSummary(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  const pairs =
    typeof detail === 'object' && !Array.isArray(detail)
      ? Object.entries(detail as Record<string, unknown>).map(
          ([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v, null, 1).replace(/\s+/g, ' ')}`,
        )
      : [JSON.stringify(detail)];
  const s = pairs.join('; ').replace(/(\S{20})(?=\S)/g, '$1 ');
  return s.length > 200 ? `${s.slice(0, 199)}…` : s;
}
