export interface ErrorDetail {
  field: string;
  message: string;
}

/**
 * The one error shape that reaches users: `{ code, message, details }` with zh-CN text.
 * Libraries throw it without knowing about HTTP; the API maps `status` to the response.
 */
export class AppError extends Error {
  /** For a 429: whole seconds until another try is worth it (sent as Retry-After and `retryAfter`). */
  retryAfterSeconds?: number;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }

  static validation(message: string, details: ErrorDetail[]): AppError {
    return new AppError(400, 'VALIDATION_FAILED', message, details);
  }
  static notFound(message: string): AppError {
    return new AppError(404, 'NOT_FOUND', message);
  }
  static conflict(code: string, message: string): AppError {
    return new AppError(409, code, message);
  }
  static tooManyRequests(
    code: string,
    message: string,
    waitSeconds: number,
    details: ErrorDetail[],
  ): AppError {
    const error = new AppError(429, code, message, details);
    error.retryAfterSeconds = Math.max(1, Math.ceil(waitSeconds));
    return error;
  }
  static forbidden(message: string): AppError {
    return new AppError(403, 'FORBIDDEN', message);
  }
}
