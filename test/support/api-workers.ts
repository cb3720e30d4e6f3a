import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { compiledWorker } from './compiled-worker';
import { TimerWorker } from './timer-workers';

export { until } from './timer-workers';

const ROOT = path.resolve(__dirname, '../..');

/** An API process (api-worker.ts, precompiled so that it boots fast) listening on a local port. */
export class ApiWorker extends TimerWorker {
  url = '';
  bootMs = 0;

  constructor(name: string, env: Record<string, string>) {
    super(name, env, compiledWorker('test/support/api-worker.ts'));
  }

  static async start(name: string, env: Record<string, string>): Promise<ApiWorker> {
    const w = new ApiWorker(name, env);
    const ready = await w.ready();
    w.url = `http://127.0.0.1:${ready.port}`;
    w.bootMs = Number(ready.bootMs);
    return w;
  }

  /**
   * POST/GET JSON over a real socket; a connection cut by a kill rejects. `T` is the caller's
   * reading of the answer's body (a text body that is not JSON comes back as the text).
   */
  async call<T = unknown>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    token: string | null,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: T }> {
    // node:http, not fetch: fetch gives up after 300 s without response headers, and a queue of a
    // thousand concurrent issuances on a loaded machine can wait longer than that; a kill still
    // cuts the socket and rejects.
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const res = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        `${this.url}${path}`,
        {
          method,
          headers: {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(payload === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
            ...headers,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
          );
          response.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
    const text = res.text;
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed as T };
  }
}

/**
 * A PROCESSES_DIR holding only `models` and a TEMPLATES_DIR holding only the templates they issue
 * (copies of the same files, so the same content hashes): a worker that is restarted dozens of
 * times then validates one model and compiles a dozen templates at boot instead of all of them.
 */
export function modelOnlyDirs(models: string[]): { processesDir: string; templatesDir: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'worker-models-'));
  const processesDir = path.join(root, 'processes');
  const templatesDir = path.join(root, 'templates');
  fs.mkdirSync(processesDir);
  fs.mkdirSync(templatesDir);
  const templates = new Set<string>();
  for (const model of models) {
    const xml = fs.readFileSync(model, 'utf8');
    fs.writeFileSync(path.join(processesDir, path.basename(model)), xml);
    for (const [, id] of xml.matchAll(/sa:template="([a-z0-9-]+)"/g)) templates.add(id);
  }
  for (const id of templates)
    fs.cpSync(path.join(ROOT, 'templates', id), path.join(templatesDir, id), { recursive: true });
  return { processesDir, templatesDir };
}
