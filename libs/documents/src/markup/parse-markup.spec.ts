import { parseMarkup, splitBold } from './parse-markup';

describe('parseMarkup', () => {
  it('turns the documented markup into blocks', () => {
    const blocks = parseMarkup(
      [
        '> 张三：',
        '',
        '你于2026年11月2日提出的申请，',
        '经审核符合条件。',
        '',
        '',
        '# 一、计算明细',
        '## （一）收入',
        '| 项目 | 金额（元） |',
        '|---|---|',
        '| 工资 | 100.00 |',
        '| 合计 |',
        '正文紧随表格',
        '---sign---',
        '>> 签收人：',
        '^ 居中',
        '---page---',
      ].join('\n'),
    );
    expect(blocks).toEqual([
      { kind: 'line', align: 'left', text: '张三：' },
      { kind: 'paragraph', text: '你于2026年11月2日提出的申请，经审核符合条件。' },
      { kind: 'heading', level: 1, text: '一、计算明细' },
      { kind: 'heading', level: 2, text: '（一）收入' },
      {
        kind: 'table',
        header: true,
        rows: [
          ['项目', '金额（元）'],
          ['工资', '100.00'],
          ['合计', ''],
        ],
      },
      { kind: 'paragraph', text: '正文紧随表格' },
      { kind: 'sign' },
      { kind: 'line', align: 'right', text: '签收人：' },
      { kind: 'line', align: 'center', text: '居中' },
      { kind: 'pageBreak' },
    ]);
  });

  it('treats a table that starts with a divider as header-less', () =>
    expect(parseMarkup('|---|---|\n| 申请人 | 张三 |')).toEqual([
      { kind: 'table', header: false, rows: [['申请人', '张三']] },
    ]));

  it('keeps a space between wrapped Latin words only', () =>
    expect(parseMarkup('see\nhttps://x\n中文\n继续')).toEqual([
      { kind: 'paragraph', text: 'see https://x中文继续' },
    ]));

  it('splits bold spans', () =>
    expect(splitBold('金额**562.00**元')).toEqual([
      { text: '金额', bold: false },
      { text: '562.00', bold: true },
      { text: '元', bold: false },
    ]));
});

describe('splitBold and masked ID numbers (issue 17 F10)', () => {
  it('keeps the eight stars of a masked ID number and still finds bold spans', () => {
    expect(splitBold('330102********4526，月保障金额为**1440.00元**')).toEqual([
      { text: '330102********4526，月保障金额为', bold: false },
      { text: '1440.00元', bold: true },
    ]);
    expect(splitBold('| 1 | 张秀兰 | 330102********4526 |')).toEqual([
      { text: '| 1 | 张秀兰 | 330102********4526 |', bold: false },
    ]);
  });
});
