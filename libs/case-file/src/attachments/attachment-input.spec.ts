import { AppError } from '@app/common';
import { checkUpload, parseTakenAt } from './attachment-input';
import { sniffType } from './file-type';

const NOW = new Date('2026-11-23T08:00:00Z');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const PDF = Buffer.from('%PDF-1.4\n', 'latin1');

function problems(fn: () => unknown): { status: number; details: { field: string; message: string }[] } {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return { status: e.status, details: e.details };
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('parseTakenAt', () => {
  it.each([
    ['2026-11-20T10:30:00+08:00', '2026-11-20T02:30:00.000Z'],
    ['2026-11-20T10:30', '2026-11-20T02:30:00.000Z'],
    ['2026-11-20 10:30:15', '2026-11-20T02:30:15.000Z'],
    ['2026-11-20T02:30:00Z', '2026-11-20T02:30:00.000Z'],
    ['2026-11-19T21:30:00-05:00', '2026-11-20T02:30:00.000Z'],
  ])('%s → %s', (input, iso) => {
    expect(parseTakenAt(input)?.toISOString()).toBe(iso);
  });

  it.each(['2026-02-30T10:00', '2026-11-20', '昨天下午', '2026-13-01T10:00', '2026-11-20T25:00'])(
    'refuses %s',
    (input) => {
      expect(parseTakenAt(input)).toBeNull();
    },
  );
});

describe('checkUpload', () => {
  it('recognises files by their first bytes', () => {
    expect(sniffType(JPEG)).toBe('image/jpeg');
    expect(sniffType(PDF)).toBe('application/pdf');
    expect(sniffType(Buffer.from('GIF89a'))).toBeNull();
  });

  it('accepts a scan with no time or place, and names a file without one', () => {
    const upload = checkUpload('application/pdf', PDF, { kind: 'scan' }, NOW);
    expect(upload).toMatchObject({
      kind: 'scan',
      contentType: 'application/pdf',
      fileName: '附件.pdf',
      takenAt: null,
    });
  });

  it('replaces characters Windows forbids in a file name', () => {
    expect(checkUpload('image/jpeg', JPEG, { kind: 'other', fileName: 'b:c?.jpg' }, NOW).fileName).toBe(
      'b_c_.jpg',
    );
  });

  it.each([
    '../../a/b.jpg',
    '/etc/passwd',
    'C:\\x\\y.jpg',
    '.htaccess',
    '%2e%2e%2fx.jpg',
    `${'长'.repeat(256)}.jpg`,
  ])('refuses the file name %s naming fileName', (fileName) => {
    expect(() => checkUpload('image/jpeg', JPEG, { kind: 'other', fileName }, NOW)).toThrow(
      expect.objectContaining({ details: [expect.objectContaining({ field: 'fileName' })] }),
    );
  });

  it('reports every problem of a home-visit photo at once', () => {
    expect(problems(() => checkUpload('application/pdf', JPEG, { kind: 'home_visit_photo' }, NOW))).toEqual({
      status: 400,
      details: [
        { field: 'file', message: '文件内容是JPEG 图片，与声明的PDF 文件不符' },
        { field: 'file', message: '入户调查照片应为 JPEG 或 PNG 图片' },
        { field: 'takenAt', message: '入户调查照片须填写拍摄时间' },
        { field: 'place', message: '入户调查照片须填写拍摄地点' },
      ],
    });
  });

  it('refuses other types with 415 and an oversized body with 413', () => {
    expect(
      problems(() => checkUpload('image/gif', Buffer.from('GIF89a'), { kind: 'scan' }, NOW)).status,
    ).toBe(415);
    const big = Buffer.concat([JPEG, Buffer.alloc(10 * 1024 * 1024)]);
    expect(problems(() => checkUpload('image/jpeg', big, { kind: 'scan' }, NOW))).toMatchObject({
      status: 413,
      details: [{ field: 'file' }],
    });
  });
});
