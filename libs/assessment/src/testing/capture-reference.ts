/**
 * Writes reference-results.json: for every reference case (see reference-cases.ts) a SHA-256 of
 * its full outcome as JSON, and the outcome itself for the first FULL_CASES, so that a difference
 * there can be read line by line. The digests alone would fail on any changed character.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assess } from '../assess';
import { type ReferenceCase, referenceCases } from './reference-cases';

export const FULL_CASES = 25;
export const REFERENCE_FILE = path.join(__dirname, 'reference-results.json');

export interface ReferenceEntry {
  name: string;
  sha256: string;
  outcome?: unknown;
}

/** The result as served and stored (through JSON), or the input error it throws. */
export function outcomeJson(c: ReferenceCase): string {
  try {
    return JSON.stringify(assess(c.household, c.parameters, c.options));
  } catch (e) {
    return JSON.stringify({ error: (e as Error).name, message: (e as Error).message });
  }
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

if (require.main === module) {
  const out: ReferenceEntry[] = referenceCases().map((c, i) => {
    const json = outcomeJson(c);
    return { name: c.name, sha256: sha256(json), ...(i < FULL_CASES ? { outcome: JSON.parse(json) } : {}) };
  });
  fs.writeFileSync(REFERENCE_FILE, JSON.stringify(out, null, 1) + '\n');
  console.log(`${out.length} cases written`);
}
