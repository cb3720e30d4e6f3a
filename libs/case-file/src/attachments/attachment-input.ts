import { AppError, ErrorDetail, isCalendarDate } from '@app/common';
import { AttachmentKind } from '@app/persistence';
import {
  ATTACHMENT_TYPES,
  AttachmentContentType,
  baseContentType,
  isAttachmentType,
  isImageType,
  sniffType,
} from './file-type';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_THUMBNAIL_BYTES = 512 * 1024;

export const ATTACHMENT_KINDS: Record<AttachmentKind, string> = {
  home_visit_photo: '入户调查照片',
  scan: '扫描件',
  other: '其他材料',
};

/** Metadata as it arrives in the query string (URL-encoded, so Chinese survives). */
export interface AttachmentQuery {
  kind?: string;
  fileName?: string;
  takenAt?: string;
  place?: string;
  note?: string;
}

export interface AttachmentUpload {
  kind: AttachmentKind;
  contentType: AttachmentContentType;
  fileName: string;
  bytes: Buffer;
  takenAt: Date | null;
  place: string | null;
  note: string | null;
}

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

/** An ISO 8601 date-time; without a zone it is Beijing time, as on the investigator's phone. */
export function parseTakenAt(value: string): Date | null {
  const m = ISO_DATE_TIME.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '00', zone = '+08:00'] = m;
  // The one date rule's years (@app/common): a photo of year 0000 is a typo, not a fact.
  if (!isCalendarDate(`${y}-${mo}-${d}`)) return null;
  const at = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${zone}`);
  if (Number.isNaN(at.getTime())) return null;
  // Reject 2026-02-30 and the like, which Date would silently roll over.
  const offsetMin =
    zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4)));
  const local = new Date(at.getTime() + offsetMin * 60_000);
  if (
    local.getUTCFullYear() !== Number(y) ||
    local.getUTCMonth() + 1 !== Number(mo) ||
    local.getUTCDate() !== Number(d)
  )
    return null;
  return at;
}

/**
 * A file name is a name, never a path: a browser sends the bare name, so directories, a leading
 * dot and encoded separators mean someone is probing the store. (Characters Windows forbids are
 * still replaced, since a real name from another system may carry them.)
 */
function fileNameProblemOf(name: string | null): string | undefined {
  if (name === null) return undefined;
  if ([...name].length > 255) return '文件名不能超过255个字';
  if (/[\\/]/.test(name)) return '文件名不能包含路径（/ 或 \\）';
  if (name.startsWith('.')) return '文件名不能以“.”开头';
  if (/%(2e|2f|5c|00)/i.test(name)) return '文件名不能包含编码的路径字符（%2e、%2f、%5c、%00）';
  return undefined;
}

function optionalText(value: string | undefined): string | null {
  const v = value?.trim();
  return v ? v : null;
}

/**
 * Checks an upload completely before anything is stored: the type by header and by magic bytes,
 * the size, and the metadata a home-visit photo must carry. Every field problem is reported at once.
 */
export function checkUpload(
  contentTypeHeader: string | undefined,
  body: unknown,
  query: AttachmentQuery,
  now: Date,
): AttachmentUpload {
  const declared = baseContentType(contentTypeHeader);
  if (!isAttachmentType(declared) || !Buffer.isBuffer(body)) {
    throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '只能上传 JPEG、PNG 图片或 PDF 文件', [
      { field: 'file', message: '文件类型应为 JPEG、PNG 或 PDF' },
    ]);
  }
  if (body.length > MAX_ATTACHMENT_BYTES) {
    throw new AppError(413, 'FILE_TOO_LARGE', '文件过大，单个文件不能超过 10 MB', [
      { field: 'file', message: `文件大小 ${(body.length / 1048576).toFixed(1)} MB，超过 10 MB 上限` },
    ]);
  }
  const problems: ErrorDetail[] = [];
  if (body.length === 0) {
    problems.push({ field: 'file', message: '文件为空' });
  } else {
    const actual = sniffType(body);
    if (actual !== declared) {
      problems.push({
        field: 'file',
        message: actual
          ? `文件内容是${ATTACHMENT_TYPES[actual].label}，与声明的${ATTACHMENT_TYPES[declared].label}不符`
          : `文件内容不是有效的${ATTACHMENT_TYPES[declared].label}，可能已损坏或扩展名被改动`,
      });
    }
  }

  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && typeof value !== 'string')
      throw AppError.validation(`参数 ${key} 只能出现一次`, [{ field: key, message: '只能出现一次' }]);
  }
  const kind = query.kind?.trim();
  if (!kind) problems.push({ field: 'kind', message: '请选择附件类别' });
  else if (!(kind in ATTACHMENT_KINDS))
    problems.push({ field: 'kind', message: `不支持的附件类别“${kind}”` });

  const fileNameProblem = fileNameProblemOf(optionalText(query.fileName));
  if (fileNameProblem) problems.push({ field: 'fileName', message: fileNameProblem });
  const fileName = (optionalText(query.fileName) ?? `附件.${ATTACHMENT_TYPES[declared].extension}`)
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')
    .slice(-120);

  let takenAt: Date | null = null;
  const takenAtText = optionalText(query.takenAt);
  if (takenAtText) {
    takenAt = parseTakenAt(takenAtText);
    if (!takenAt) problems.push({ field: 'takenAt', message: '拍摄时间格式应为 YYYY-MM-DDTHH:mm:ss+08:00' });
    // A few minutes of slack for a phone clock that runs ahead.
    else if (takenAt.getTime() > now.getTime() + 10 * 60_000)
      problems.push({ field: 'takenAt', message: '拍摄时间不能晚于当前时间' });
  }
  const place = optionalText(query.place);
  if (place && place.length > 200) problems.push({ field: 'place', message: '拍摄地点不能超过200个字' });
  const note = optionalText(query.note);
  if (note && note.length > 500) problems.push({ field: 'note', message: '备注不能超过500个字' });

  if (kind === 'home_visit_photo') {
    if (!isImageType(declared))
      problems.push({ field: 'file', message: '入户调查照片应为 JPEG 或 PNG 图片' });
    if (!takenAtText) problems.push({ field: 'takenAt', message: '入户调查照片须填写拍摄时间' });
    if (!place) problems.push({ field: 'place', message: '入户调查照片须填写拍摄地点' });
  }

  if (problems.length) throw AppError.validation(problems[0].message, problems);
  return {
    kind: kind as AttachmentKind,
    contentType: declared,
    fileName,
    bytes: body,
    takenAt,
    place,
    note,
  };
}

/** The browser-made preview: a small JPEG (see CaseAttachments.vue). */
export function checkThumbnail(contentTypeHeader: string | undefined, body: unknown): Buffer {
  if (baseContentType(contentTypeHeader) !== 'image/jpeg' || !Buffer.isBuffer(body)) {
    throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '缩略图应为 JPEG 图片', [
      { field: 'thumbnail', message: 'Content-Type 应为 image/jpeg' },
    ]);
  }
  if (body.length > MAX_THUMBNAIL_BYTES) {
    throw new AppError(413, 'FILE_TOO_LARGE', '缩略图过大', [
      { field: 'thumbnail', message: '缩略图不能超过 512 KB' },
    ]);
  }
  if (sniffType(body) !== 'image/jpeg') {
    throw AppError.validation('缩略图内容不是有效的 JPEG 图片', [
      { field: 'thumbnail', message: '内容不是有效的 JPEG 图片' },
    ]);
  }
  return body;
}
