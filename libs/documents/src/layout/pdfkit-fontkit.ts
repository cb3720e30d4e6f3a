/**
 * fontkit as pdfmake's pdfkit loads it. pdfmake ships its own pdfkit and fontkit beside the
 * top-level ones: measuring, glyph checks and the parsed-table cache must use the copy the renderer
 * embeds fonts with, so their answers are the renderer's and each thread compiles one fontkit.
 */
export function pdfkitFontkit<T>(): T {
  const pdfkit = require.resolve('pdfkit', { paths: [require.resolve('pdfmake/js/Printer')] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(require.resolve('fontkit', { paths: [pdfkit] })) as {
    create?: unknown;
    default?: T;
  };
  return (typeof loaded.create === 'function' ? loaded : loaded.default) as T;
}
