import { randomUUID } from 'node:crypto';

const VALID_ID = /^[\w.-]{8,100}$/;

interface Req {
  method: string;
  originalUrl: string;
  headers: Record<string, string | string[] | undefined>;
  id?: string;
  user?: { username: string };
}
interface Res {
  statusCode: number;
  setHeader(name: string, value: string): void;
  on(event: 'finish', listener: () => void): void;
}

/**
 * Every request gets an id (the caller's X-Request-Id when it is sane, else a new one); it is sent
 * back, printed in error bodies and in one structured log line per request, so a clerk's
 * complaint can be traced to the exact log entry.
 */
export function requestId(options: { log: boolean }) {
  return (req: Req, res: Res, next: () => void) => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && VALID_ID.test(incoming) ? incoming : randomUUID();
    req.id = id;
    res.setHeader('X-Request-Id', id);
    if (options.log) {
      const started = process.hrtime.bigint();
      res.on('finish', () => {
        // One JSON line per request on stdout, for whatever collects the logs.
        process.stdout.write(
          `${JSON.stringify({
            time: new Date().toISOString(),
            level: res.statusCode >= 500 ? 'error' : 'info',
            requestId: id,
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
