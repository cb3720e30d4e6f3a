import { missingGlyphs, missingGlyphsMessage } from './glyphs';

describe('missingGlyphs: characters the embedded Noto Serif SC cannot print', () => {
  it.each([
    ['王建国', []],
    ['欧阳·娜娜', []],
    // CJK Extension A and the 通用规范汉字表 characters from Extension B–E that the font covers.
    ['㐀䶮', []],
    ['王𬱖', []],
    ['李𬌗', []],
    // Extension B characters found in real names that the font lacks.
    ['王𠀀', ['𠀀']],
    ['𪚥明𪚥', ['𪚥']],
    ['李𡃁华', ['𡃁']],
  ])('%s → %j', (text, missing) => {
    expect(missingGlyphs(text)).toEqual(missing);
  });

  it('names each missing character with its code point in Chinese', () => {
    expect(missingGlyphsMessage('王建国')).toBeUndefined();
    expect(missingGlyphsMessage('王𠀀')).toBe(
      '含有文书字体无法显示的字：“𠀀”（U+20000），请改用通用规范汉字或同音字，并在备注中说明',
    );
  });
});
