import { pdfPageCount } from './pdf-pages';
import { tocCsv } from './toc';

describe('卷内目录.csv', () => {
  it('starts with a BOM, uses CRLF and quotes cells that need it', () => {
    const csv = tocCsv([
      {
        seq: 1,
        title: '受理通知书',
        number: '平城民受〔2026〕1号',
        responsible: '平安县城关镇人民政府',
        date: '2026-11-23',
        extent: '2页',
        remark: '电子签章，校验码\nABCD',
        fileName: '01-受理通知书-平城民受〔2026〕1号.pdf',
      },
      {
        seq: 2,
        title: '扫描件："户口簿", 首页',
        number: '',
        responsible: '李窗口',
        date: '2026-11-23',
        extent: '1页',
        remark: '',
        fileName: '02-扫描件-户口簿.pdf',
      },
    ]);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.subarray(3).toString('utf8')).toBe(
      '序号,文件题名,文号,责任者,日期,页数/大小,备注,文件名\r\n' +
        '1,受理通知书,平城民受〔2026〕1号,平安县城关镇人民政府,2026-11-23,2页,电子签章，校验码 ABCD,01-受理通知书-平城民受〔2026〕1号.pdf\r\n' +
        '2,"扫描件：""户口簿"", 首页",,李窗口,2026-11-23,1页,,02-扫描件-户口簿.pdf\r\n',
    );
  });
});

describe('pdfPageCount', () => {
  it('reads the largest /Count of the page tree, as after an incremental update', () => {
    const pdf = Buffer.from(
      '%PDF-1.4\n2 0 obj\n<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>\nendobj\n' +
        '5 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n2 0 obj\n<< /Count 2 /Type /Pages /Kids [3 0 R 4 0 R] >>\nendobj\n',
      'latin1',
    );
    expect(pdfPageCount(pdf)).toBe(2);
    expect(pdfPageCount(Buffer.from('%PDF-1.7\n<< /Type /ObjStm >>', 'latin1'))).toBeNull();
  });
});
