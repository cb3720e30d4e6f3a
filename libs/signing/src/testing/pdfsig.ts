import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Runs poppler's pdfsig, the independent verifier DESIGN.md requires. Missing pdfsig fails the
 * test on purpose (apt-get install -y poppler-utils) instead of silently skipping it.
 */
export function pdfsig(pdf: Buffer): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pdfsig-')), 'signed.pdf');
  writeFileSync(file, pdf);
  const result = spawnSync('pdfsig', [file], { encoding: 'utf8' });
  if (result.error)
    throw new Error(`pdfsig not runnable (apt-get install -y poppler-utils): ${result.error.message}`);
  return `${result.stdout}${result.stderr}`;
}

export const VALID = 'Signature is Valid.';
