import { compileBody, normalisePunctuation, sanitizeForMarkup } from './handlebars-env';

const render = (source: string, data: unknown, globals: Record<string, unknown> = {}) =>
  compileBody(source, globals)(data);

describe('template helpers', () => {
  it.each([
    ['{{money a}}', { a: 56200 }, '562.00'],
    ['{{cnDate a}}', { a: '2026-11-03' }, '2026年11月3日'],
    ['{{cnMonth a}}', { a: '2026-12' }, '2026年12月'],
    ['{{mask a}}', { a: '330102198503124526' }, '330102********4526'],
    ['{{join a "、"}}', { a: ['王明', '赵丽'] }, '王明、赵丽'],
    ['{{join a}}', { a: ['王明', '赵丽'] }, '王明、赵丽'],
    ['{{#each a}}{{inc @index}}.{{this}} {{/each}}', { a: ['甲', '乙'] }, '1.甲 2.乙 '],
    ['{{#if (eq a "eligible")}}符合{{else}}不符合{{/if}}', { a: 'eligible' }, '符合'],
    ['{{#if (eq a "eligible")}}符合{{else}}不符合{{/if}}', { a: 'ineligible' }, '不符合'],
    ['{{@legalBasis}}', {}, '《办法》第十条'],
  ])('%s', (source, data, expected) =>
    expect(render(source, data, { legalBasis: '《办法》第十条' })).toBe(expected),
  );

  it('does not HTML-escape', () => expect(render('{{a}}', { a: '《办法》"A&B"' })).toBe('《办法》"A&B"'));

  it('is strict about missing fields', () =>
    expect(() => render('{{a.b}}', { a: {} })).toThrow(/"b" not defined/));

  it('does not expose prototype properties', () => {
    expect(() => render('{{a.constructor.name}}', { a: {} })).toThrow();
    expect(render('{{#if a.__proto__}}leak{{/if}}', { a: {} })).toBe('');
  });

  it('rejects unknown helpers at compile time', () =>
    expect(() => compileBody('{{shout a}}', {})).toThrow(/unknown helper shout/));
});

describe('sanitizeForMarkup', () => {
  it('keeps entered text from creating markup structure', () => {
    expect(sanitizeForMarkup({ a: ['# 标题\n---sign---', '| x |'], b: 3, c: '> 引用' })).toEqual({
      a: ['＃ 标题 ———sign———', '｜ x ｜'],
      b: 3,
      c: '＞ 引用',
    });
  });
});

describe('punctuation at the end of entered text (issue 17 F4)', () => {
  const sentence = '本机关认为，{{reasons}}。根据规定，{{facts}}，不存在终止情形。';
  it.each([
    ['收入高于标准。', '本机关认为，收入高于标准。根据规定'],
    ['收入高于标准；', '本机关认为，收入高于标准。根据规定'],
    ['收入高于标准，', '本机关认为，收入高于标准。根据规定'],
    ['收入高于标准！', '本机关认为，收入高于标准！根据规定'],
    ['收入高于标准;', '本机关认为，收入高于标准。根据规定'],
    ['收入高于标准。 ', '本机关认为，收入高于标准。根据规定'],
    ['收入高于标准', '本机关认为，收入高于标准。根据规定'],
  ])('%s', (reasons, expected) => {
    const out = render(sentence, { reasons, facts: '其身体状况未变。' });
    expect(out.startsWith(expected)).toBe(true);
    expect(out).toContain('其身体状况未变，不存在终止情形。');
    expect(out).not.toMatch(/[。，；！][。，；]/);
  });

  it('leaves ellipses, dashes and closing brackets alone', () =>
    expect(normalisePunctuation('……（略）。——见附件。“好。”')).toBe('……（略）。——见附件。“好。”'));
});
