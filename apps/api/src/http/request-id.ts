import { randomUUID } from 'node:crypto';

/**
 * What a caller's X-Request-Id may look like to be kept as a correlation id: short and plain, so
 * it can neither bloat the record nor smuggle line breaks, quotes or JSON into logs and evidence.
 */
export const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,64}$/;

interface Req {
  method: string;
  originalUrl: string;
  headers: Record<string, string | string[] | undefined>;
  id?: string;
  correlationId?: string;
  user?: { username: string };
}
interface Res {
  statusCode: number;
  setHeader(name: string, value: string): void;
  on(event: 'finish', listener: () => void): void;
}

/** The caller's X-Request-Id when it is well-formed, else undefined. */
export function correlationIdOf(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' && CORRELATION_ID.test(header) ? header : undefined;
}

/**
 * Every request gets an id the server makes: it is sent back, printed in error bodies and in one
 * structured log line per request, so a clerk's complaint can be traced to the exact log entry.
 * The caller's own X-Request-Id is never that id: anyone can send any value, so it could claim
 * another request's identity on the audit record. When well-formed it is kept beside it as a
 * correlation id (echoed as X-Correlation-Id) to join the caller's logs to ours.
 */
export function requestId(options: { log: boolean }) {
  return (req: Req, res: Res, next: () => void) => {
    const id = randomUUID();
    const correlationId = correlationIdOf(req.headers['x-request-id']);
    req.id = id;
    req.correlationId = correlationId;
    res.setHeader('X-Request-Id', id);
    if (correlationId) res.setHeader('X-Correlation-Id', correlationId);
    if (options.log) {
      const started = process.hrtime.bigint();
      res.on('finish', () => {
        // One JSON line per request on stdout, for whatever collects the logs.
        process.stdout.write(
          `${JSON.stringify({
            time: new Date().toISOString(),
            level: res.statusCode >= 500 ? 'error' : 'info',
            requestId: id,
            ...(correlationId && { correlationId }),
            method: req.method,
            path: req.originalUrl.split('?')[0],
            status: res.statusCode,
            ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
            user: req.user?.username ?? null,
          })}\n`,
        );
      });
    }
    next();
  };
}
