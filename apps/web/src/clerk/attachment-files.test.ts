import { describe, expect, it } from 'vitest';
import { sizeText, sniff } from './attachment-files';

const file = (bytes: number[]) => new File([new Uint8Array(bytes)], 'x.bin');

describe('attachment files', () => {
  it('knows a file by its first bytes, not its name', async () => {
    expect(await sniff(file([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(await sniff(file([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(await sniff(file([...'%PDF-1.7'].map((c) => c.charCodeAt(0))))).toBe('application/pdf');
    expect(await sniff(file([0x50, 0x4b, 0x03, 0x04]))).toBeNull();
    expect(await sniff(file([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(await sniff(file([]))).toBeNull();
  });

  it('gives sizes in KB below one MB and MB above', () => {
    expect(sizeText(10)).toBe('1 KB');
    expect(sizeText(300 * 1024)).toBe('300 KB');
    expect(sizeText(1048576)).toBe('1.0 MB');
    expect(sizeText(2.5 * 1048576)).toBe('2.5 MB');
  });
});
