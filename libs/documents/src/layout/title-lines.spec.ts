import { titleLines } from './title-lines';

describe('titleLines', () => {
  it.each([
    ['最低生活保障不予确认决定书', 20, ['最低生活保障不予确认决定书']],
    [
      '家庭人口、收入、财产状况书面声明及诚信承诺书',
      20,
      ['家庭人口、收入、财产状况', '书面声明及诚信承诺书'],
    ],
    [
      '拒绝就业减发（停发）本人最低生活保障金决定书',
      20,
      ['拒绝就业减发（停发）', '本人最低生活保障金决定书'],
    ],
    // The case of the review: a width that leaves "定书" alone when the line is simply filled.
    ['特困人员救助供养终止决定书', 11, ['特困人员救助供养', '终止决定书']],
  ])('%s in lines of %i', (title, max, lines) => {
    expect(titleLines(title, max)).toEqual(lines);
  });

  it('never leaves one or two characters on a line, and never exceeds the width', () => {
    const title = '最低生活保障家庭经济状况核对不符合条件告知书';
    for (let max = 8; max <= 22; max++) {
      const lines = titleLines(title, max);
      expect(lines.join('')).toBe(title);
      for (const l of lines) {
        expect([...l].length).toBeGreaterThanOrEqual(3);
        expect([...l].length).toBeLessThanOrEqual(max);
      }
    }
  });
});
