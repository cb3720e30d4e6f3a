import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Options, transformSync, version as swcVersion } from '@swc/core';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { swcOptions } = require('./swc-options') as { swcOptions: Options };

const ROOT = path.resolve(__dirname, '../..');
const SOURCES = ['apps/api/src', 'libs', 'scripts', 'test/support'];

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (/\.(ts|json)$/.test(entry.name) && !/\.(spec|e2e-spec)\.ts$/.test(entry.name)) out.push(full);
  }
  return out;
}

/**
 * The API's sources transpiled once to plain JavaScript (by swc, with the options jest transforms
 * the test process's modules with: test/support/swc-options.js), so a worker process that is
 * killed and restarted dozens of times starts in about a second and a half instead of spending
 * four seconds transpiling on every boot. Cached in node_modules/.cache by the hash of every source
 * file and of the transform; returns the argv for `node`. swc transpiles the whole tree in a
 * fraction of a second where the TypeScript compiler took about 11 CPU seconds, paid after every
 * change of a source and by each jest process that raced to it first.
 */
export function compiledWorker(script: string): string[] {
  const outDir = (compiled ??= compileSources());
  return ['-r', path.join(outDir, 'register.js'), path.join(outDir, script.replace(/\.ts$/, '.js'))];
}

/** Per jest file: the sources do not change during a run, and a worker restarts up to 50 times. */
let compiled: string | undefined;

/** Transpiles the sources once per content and transform (all processes share the copy); its directory. */
function compileSources(): string {
  const files = SOURCES.flatMap((d) => walk(path.join(ROOT, d))).sort();
  const hash = createHash('sha256').update(`swc ${swcVersion} ${JSON.stringify(swcOptions)}`);
  for (const f of files) hash.update(f).update(fs.readFileSync(f));
  const outDir = path.join(ROOT, 'node_modules/.cache/sa-worker-js', hash.digest('hex').slice(0, 16));
  if (!fs.existsSync(path.join(outDir, '.complete'))) {
    const { compilerOptions } = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8'));
    const staging = `${outDir}.${process.pid}.tmp`;
    for (const file of files) {
      const rel = path.relative(ROOT, file);
      const target = path.join(staging, rel.replace(/\.ts$/, '.js'));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      if (file.endsWith('.json')) {
        fs.copyFileSync(file, target);
        continue;
      }
      const { code } = transformSync(fs.readFileSync(file, 'utf8'), { ...swcOptions, filename: file });
      fs.writeFileSync(target, code);
    }
    // @app/* resolve into the compiled copy; packages from the repository's node_modules above it.
    const paths = compilerOptions.paths as Record<string, string[]>;
    const register = `require(${JSON.stringify(require.resolve('tsconfig-paths'))}).register({
  baseUrl: __dirname,
  paths: ${JSON.stringify(paths)},
});
`;
    fs.writeFileSync(path.join(staging, 'register.js'), register);
    fs.writeFileSync(path.join(staging, '.complete'), '');
    try {
      fs.renameSync(staging, outDir);
    } catch {
      fs.rmSync(staging, { recursive: true, force: true }); // another process won the race
    }
  }
  return outDir;
}
