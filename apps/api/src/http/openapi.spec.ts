import * as fs from 'node:fs';
import * as path from 'node:path';
import { OpenAPIObject } from '@nestjs/swagger';
import { buildOpenApiDocumentOffline } from './openapi';

const ROOT = path.resolve(__dirname, '../../../..');
const WEB_SRC = path.join(ROOT, 'apps/web/src');

type Operation = { responses: Record<string, { content?: Record<string, { schema?: Schema }> }> };
type Schema = { $ref?: string; type?: string; items?: Schema };

function operations(doc: OpenAPIObject): { method: string; path: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([p, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, op]) => ({ method, path: p, op })),
  );
}

/** The component a JSON success answer is (or is a list of), or null when it names none. */
function jsonModel(op: Operation): string | null {
  const ok = Object.entries(op.responses).find(([code]) => /^2\d\d$/.test(code));
  let schema = ok?.[1].content?.['application/json']?.schema;
  if (schema?.type === 'array') schema = schema.items;
  return schema?.$ref?.replace('#/components/schemas/', '') ?? null;
}

/** `api.get('/api/cases/${id}')` and the like, as they appear in the web app's source. */
function webGetUrls(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|vue)$/.test(e.name) && !e.name.endsWith('.d.ts')) files.push(p);
    }
  };
  walk(WEB_SRC);
  const urls = new Set<string>();
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    for (const m of text.matchAll(/\bapi\.get(?:<[^(]*?>)?\(\s*[`'](\/api\/[^`'?]*)/g)) urls.add(m[1]);
  }
  return [...urls].sort();
}

describe('OpenAPI document', () => {
  let doc: OpenAPIObject;
  beforeAll(async () => {
    doc = await buildOpenApiDocumentOffline();
  });

  it('describes the answer of every route: a JSON model, a file, or 204', () => {
    const undescribed = operations(doc)
      .filter(({ op }) => {
        const codes = Object.keys(op.responses);
        if (codes.includes('204')) return false;
        const ok = codes.find((c) => /^2\d\d$/.test(c));
        const content = ok ? op.responses[ok].content : undefined;
        if (!content) return true;
        // A JSON answer must name its model; a file answer is binary.
        return content['application/json'] ? jsonModel(op) === null : false;
      })
      .map(({ method, path: p }) => `${method.toUpperCase()} ${p}`);
    expect(undescribed).toEqual([]);
  });

  it('has a response model for every GET the web app makes', () => {
    const urls = webGetUrls();
    expect(urls.length).toBeGreaterThan(20);
    const gets = operations(doc).filter((o) => o.method === 'get');
    const missing = urls.filter((url) => {
      // `${expr}` in the web's template literal stands for one path segment, as {param} does here.
      const segments = url.replace(/\$\{[^}]*\}/g, '\u0000').split('/');
      const route = gets.find(({ path: p }) => {
        const parts = p.split('/');
        return (
          parts.length === segments.length &&
          parts.every(
            (part, i) => part === segments[i] || (/^\{.+\}$/.test(part) && segments[i] === '\u0000'),
          )
        );
      });
      return !route || jsonModel(route.op) === null;
    });
    expect(missing).toEqual([]);
  });

  it('is the one checked in for the web app (npm run api:contract regenerates it)', () => {
    const checkedIn = JSON.parse(fs.readFileSync(path.join(WEB_SRC, 'api/openapi.json'), 'utf8'));
    expect(checkedIn).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});
