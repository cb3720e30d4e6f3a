import * as http from 'node:http';

export type BenchRequest = (
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: string,
) => Promise<{ status: number; body: Buffer }>;

/**
 * The benches' HTTP client, in the measured process: node:http on kept-alive connections costs a
 * third of the CPU per request that fetch did (undici, and gunzipping every answer). The bytes are
 * read as they come, compressed or not, without unpacking.
 */
export function keptAliveClient(base: string, maxSockets: number): { request: BenchRequest; close(): void } {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const request: BenchRequest = (method, url, headers, body) =>
    new Promise((resolve, reject) => {
      const req = http.request(`${base}${url}`, { method, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  return { request, close: () => agent.destroy() };
}
