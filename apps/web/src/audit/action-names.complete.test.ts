import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { actionName } from './action-names';

/**
 * Every audit action the server writes has a Chinese name (issue 18): the timeline and the audit
 * view never show a raw code such as `authorization.sign`. The actions are read from the server's
 * source, so a new one without a name fails here.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.name === 'node_modules'
      ? []
      : e.isDirectory()
        ? sources(join(dir, e.name))
        : /\.ts$/.test(e.name) && !/\.spec\.ts$/.test(e.name)
          ? [join(dir, e.name)]
          : [],
  );
}

const CODE = /'([a-z_-]+(?:\.[a-z_-]+)+)'/g;

/** The codes in `action: …` expressions, account records and `@AuditAccess(…)` reads. */
function serverActions(): Set<string> {
  const found = new Set<string>();
  for (const file of [...sources(join(root, 'libs')), ...sources(join(root, 'apps/api'))]) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\baction:\s*([^,\n]+)/g))
      for (const c of m[1].matchAll(CODE)) found.add(c[1]);
    for (const m of text.matchAll(/this\.record\(em, \w+, ('[^']+')/g))
      for (const c of m[1].matchAll(CODE)) found.add(c[1]);
    for (const m of text.matchAll(/\?\s*'(user\.[a-z_]+)'|:\s*'(user\.[a-z_]+)'/g)) found.add(m[1] ?? m[2]);
    for (const m of text.matchAll(/@AuditAccess\('([^']+)'/g)) found.add(`access.${m[1]}`);
  }
  return found;
}

describe('audit action names are complete', () => {
  const actions = [...serverActions()].sort();

  it('finds the actions the server writes', () => {
    for (const known of [
      'authorization.sign',
      'attachment.upload',
      'task.claim',
      'user.confirm',
      'access.task.read',
    ])
      expect(actions).toContain(known);
  });

  it('names every one of them in Chinese', () => {
    const unnamed = actions.filter((a) => actionName(a) === a || /[a-z]/.test(actionName(a)));
    expect(unnamed).toEqual([]);
  });
});
