import { lookUpStylesDirectly } from './style-lookup';

/* eslint-disable @typescript-eslint/no-require-imports */
const StyleContextStack = require('pdfmake/js/StyleContextStack').default;

describe('style lookup of a product layout', () => {
  const styles = {
    title: { fontSize: 22, bold: true },
    body: { fontSize: 16, color: '#222', lineHeight: 1.5 },
    quiet: { color: null, opacity: 0.5 },
  };
  const defaultStyle = { font: 'NotoSerifSC', fontSize: 12 };
  const stackOf = (dictionary: object | undefined) => {
    const stack = new StyleContextStack(dictionary, defaultStyle);
    stack.push('body');
    stack.push({ alignment: 'justify', characterSpacing: null });
    stack.push('missing');
    return stack;
  };
  const items = [
    'plain text',
    { text: 'x' },
    { text: 'x', fontSize: 9, color: null },
    { text: 'x', style: 'title' },
    { text: 'x', style: ['title', 'quiet'] },
    { text: 'x', style: ['title', 'body'] },
    { text: 'x', style: ['body', 'title'] },
    { text: 'x', style: ['quiet', { color: 'red', bold: false }] },
    { text: 'x', style: 'missing', opacity: 1 },
    { section: true, style: 'title' },
  ];
  const properties = [
    'font',
    'fontSize',
    'bold',
    'color',
    'opacity',
    'alignment',
    'lineHeight',
    'characterSpacing',
    'sup',
  ];

  it('answers every property as pdfmake does, without pushing anything', () => {
    const marked = stackOf(lookUpStylesDirectly(styles));
    const plain = stackOf(styles);
    const pushes = jest.spyOn(StyleContextStack.prototype, 'autopush');
    for (const item of items)
      for (const property of properties) {
        const fallback = `default ${property}`;
        const expected = StyleContextStack.getStyleProperty(item, plain, property, fallback);
        pushes.mockClear();
        expect(StyleContextStack.getStyleProperty(item, marked, property, fallback)).toEqual(expected);
        expect(pushes).not.toHaveBeenCalled();
      }
    pushes.mockRestore();
    for (const property of properties)
      expect(marked.getProperty(property)).toEqual(plain.getProperty(property));
  });

  it('leaves styles that extend others to pdfmake', () => {
    const extending = { ...styles, heading: { extends: 'title', color: 'blue' } };
    expect(lookUpStylesDirectly(extending)).toBe(extending);
  });
});
