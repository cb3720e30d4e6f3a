import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { AppError } from '@app/common';
import { TemplateDataError } from '@app/documents';

const HTTP_MESSAGES: Record<number, [string, string]> = {
  400: ['BAD_REQUEST', '请求格式不正确'],
  404: ['NOT_FOUND', '请求的地址不存在'],
  413: ['PAYLOAD_TOO_LARGE', '请求内容过大'],
  415: ['UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型'],
};

/** What a body-level 4xx (raised before any controller) says about the body. */
const BODY_DETAILS: Record<number, string> = {
  400: '不是有效的 JSON（须为对象或数组，UTF-8 编码，不含注释、NaN 或单引号）',
  413: '上传的内容超过大小限制',
  415: '不支持该内容类型',
};

function clientErrorStatus(error: { status?: unknown } | null | undefined): number | undefined {
  const status = error?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/** Every error leaves as `{ code, message, details: [{ field, message }] }` in Chinese. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse();
    const request = host.switchToHttp().getRequest();
    const { status, body } = this.toBody(error);
    const requestId: string | undefined = request.id;
    if (status >= 500) {
      this.logger.error(
        `[${requestId}] ${request.method} ${request.url}: ${(error as Error)?.stack ?? error}`,
      );
    }
    const retryAfter = error instanceof AppError ? error.retryAfterSeconds : undefined;
    if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
    response.status(status).json({ ...body, ...(retryAfter !== undefined && { retryAfter }), requestId });
  }

  private toBody(error: unknown): { status: number; body: object } {
    if (error instanceof AppError) {
      return {
        status: error.status,
        body: { code: error.code, message: error.message, details: error.details },
      };
    }
    if (error instanceof TemplateDataError) {
      return {
        status: 400,
        body: { code: 'VALIDATION_FAILED', message: error.message, details: error.details },
      };
    }
    // body-parser's errors (too large, malformed JSON) are plain errors carrying a 4xx status.
    const status =
      error instanceof HttpException ? error.getStatus() : clientErrorStatus(error as { status?: unknown });
    if (status !== undefined) {
      const [code, message] = HTTP_MESSAGES[status] ?? ['HTTP_ERROR', '请求无法处理'];
      // Every plain 400/413/415 here comes from parsing the body (the app's own checks raise AppError).
      const details = BODY_DETAILS[status] ? [{ field: 'body', message: BODY_DETAILS[status] }] : [];
      return { status, body: { code, message, details } };
    }
    return {
      status: 500,
      body: { code: 'INTERNAL_ERROR', message: '服务器内部错误，请稍后重试', details: [] },
    };
  }
}
