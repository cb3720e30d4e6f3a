import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The web imports lib files through `@shared/<lib>/<file>` to run the server's own rules. That is
 * only safe while those files, and everything they import, stay free of packages: one import of
 * @nestjs, typeorm or node:* would drag the server into the browser bundle (or break it).
 */
const src = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const libs = resolve(src, '../../../libs');
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;

function webFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? webFiles(join(dir, e.name)) : /\.(ts|vue)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

function specifiers(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(SPECIFIER)].map((m) => m[1]);
}

function resolveTs(base: string): string {
  const found = [base, `${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p) && !p.endsWith('/'));
  if (!found) throw new Error(`cannot resolve ${base}`);
  return found;
}

/** Lib files the web imports directly. */
function sharedEntries(): string[] {
  const entries = new Set<string>();
  for (const file of webFiles(src)) {
    for (const s of specifiers(file)) {
      const m = /^@shared\/([^/]+)\/(.+)$/.exec(s);
      if (m) entries.add(resolveTs(join(libs, m[1], 'src', m[2])));
    }
  }
  return [...entries];
}

/**
 * Packages a shared file may import: pure, dependency-free and built for browsers too. jsep parses
 * the model's `${…}` conditions, so the form hides a field by the very rule the server validates.
 */
const BROWSER_SAFE = new Set(['jsep']);

/** Every package import reachable from the entries, as "file → package". */
function packageImports(entries: string[]): string[] {
  const seen = new Set<string>();
  const found: string[] = [];
  const visit = (file: string) => {
    if (seen.has(file) || file.endsWith('.json')) return;
    seen.add(file);
    for (const s of specifiers(file)) {
      if (s.startsWith('.')) visit(resolveTs(resolve(dirname(file), s)));
      else if (!BROWSER_SAFE.has(s)) found.push(`${relative(libs, file)} → ${s}`);
    }
  };
  entries.forEach(visit);
  return found;
}

describe('lib files shared with the web', () => {
  it('are found (the scan itself works)', () => {
    const entries = sharedEntries().map((f) => relative(libs, f));
    expect(entries).toEqual(
      expect.arrayContaining([
        'assistance/src/resident-id.ts',
        'assessment/src/money.ts',
        'auth/src/roles.ts',
        'process-models/src/form-validation.ts',
        'cases/src/programs.ts',
      ]),
    );
  });

  it('import no package, directly or through the files they import', () => {
    expect(packageImports(sharedEntries())).toEqual([]);
  });

  it('would catch a framework import', () => {
    expect(packageImports([join(libs, 'auth/src/auth.guard.ts')]).some((s) => s.includes('@nestjs/'))).toBe(
      true,
    );
  });
});
