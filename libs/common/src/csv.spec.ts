import { csvCell, csvText } from './csv';

describe('csvCell', () => {
  it.each([
    ['plain text', '王建国', '王建国'],
    ['a number', 562, '562'],
    ['a negative number stays a number', -3, '-3'],
    ['a comma is quoted', '东关村,3组', '"东关村,3组"'],
    ['a quote is doubled', '他说"好"', '"他说""好"""'],
    ['a line break is quoted', '第一行\n第二行', '"第一行\n第二行"'],
    ['a formula is shown, not run', '=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['plus', '+1+1', "'+1+1"],
    ['minus as text', '-2+3', "'-2+3"],
    ['at', '@SUM(A1)', "'@SUM(A1)"],
    ['a leading tab', '\t=1', "'\t=1"],
  ])('%s', (_name, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('csvText', () => {
  it('starts with a BOM, ends every line with CRLF', () => {
    expect(
      csvText([
        ['序号', '题名'],
        [1, '受理通知书'],
      ]),
    ).toBe('\ufeff序号,题名\r\n1,受理通知书\r\n');
  });
});
