import * as path from 'node:path';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

// pdfmake 0.3 server build is a singleton configured with font files and access policies.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfmake = require('pdfmake') as {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(callback: (url: string) => boolean): void;
  setLocalAccessPolicy(callback: (path: string) => boolean): void;
  createPdf(definition: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
};

const fontDir = path.dirname(require.resolve('pdfmake/build/fonts/Roboto/Roboto-Regular.ttf'));

/** A one-page PDF as the documents module would produce it (pdfmake 0.3, server side). */
export async function onePagePdf(text = 'Test notice'): Promise<Buffer> {
  pdfmake.setFonts({ Roboto: { normal: path.join(fontDir, 'Roboto-Regular.ttf') } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((file) => file.startsWith(fontDir));
  return pdfmake.createPdf({ content: [{ text }, { text: 'Decision No. 17' }] }).getBuffer();
}
