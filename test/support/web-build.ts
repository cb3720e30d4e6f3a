import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * A hash of everything the web build reads, so unchanged sources reuse the last build. Paths enter
 * it relative to the checkout: another clone of the same sources (a CI run) reuses the build too.
 */
function webSourceHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else hash.update(path.relative(process.cwd(), file)).update(fs.readFileSync(file));
    }
  };
  walk(path.resolve('apps/web'));
  // The libs the web imports files from (the @shared alias of apps/web/vite.config.ts).
  for (const lib of ['assessment', 'assistance', 'auth', 'cases', 'common', 'documents', 'process-models'])
    walk(path.resolve('libs', lib, 'src'));
  hash.update(fs.readFileSync('package-lock.json'));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Builds the web app into a directory named by its source hash (shared by the test files of a run,
 * never half-written: built aside, then renamed into place) and points the API at it.
 */
export function buildWebApp(): string {
  const out = path.join(os.tmpdir(), `sa-web-${webSourceHash()}`);
  if (!fs.existsSync(path.join(out, 'index.html'))) {
    const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-web-build-'));
    execFileSync(
      process.execPath,
      [
        path.resolve('node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        'apps/web/vite.config.ts',
        '--logLevel',
        'error',
      ],
      { env: { ...process.env, WEB_DIST: staging }, stdio: 'inherit' },
    );
    try {
      fs.renameSync(staging, out);
    } catch {
      fs.rmSync(staging, { recursive: true, force: true }); // another run put the same build in place
    }
  }
  process.env.WEB_DIST = out;
  return out;
}
