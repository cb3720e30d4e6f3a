import express from 'express';
import { MAX_ATTACHMENT_BYTES } from '@app/case-file';

const UPLOAD_PATH = /^\/api\/((portal\/)?cases\/[^/]+\/attachments|attachments\/[^/]+\/thumbnail)\/?$/;

/**
 * Case attachments arrive as the file itself (JPEG, PNG or PDF). Parsed here, on the upload routes
 * only, so a file over the limit is refused with the field named in Chinese: body-parser's own
 * "too large" error would otherwise reach the error filter as an unknown error.
 */
export function attachmentUploadBody(): express.RequestHandler {
  const parse = express.raw({
    type: ['image/jpeg', 'image/png', 'application/pdf'],
    limit: MAX_ATTACHMENT_BYTES,
  });
  return (req, res, next) => {
    if ((req.method !== 'POST' && req.method !== 'PUT') || !UPLOAD_PATH.test(req.path)) return next();
    parse(req, res, (err?: unknown) => {
      if (!err) return next();
      const e = err as { type?: string; status?: number };
      if (e.type !== 'entity.too.large') return next(err);
      res.status(413).json({
        code: 'FILE_TOO_LARGE',
        message: '文件过大，单个文件不能超过 10 MB',
        details: [{ field: 'file', message: '文件超过 10 MB 上限' }],
        requestId: (req as { id?: string }).id,
      });
    });
  };
}
