import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Runs a share of a tier's spec files in one jest file, so they share one module graph. Each jest
 * file loads the application's modules afresh (≈ 1.5 s) and boots its first API cold (≈ 2 s more
 * than a second boot); a bundle pays that once for all its files. Each spec runs inside a describe
 * named by its path, so its top-level hooks stay its own, and it still runs alone as before
 * (`npm test -- test/trust`). The files are dealt by size, largest first, to the lightest bundle.
 * The browser tier is bundled too: it runs beside the other tiers (scripts/run-tiers.js), so what
 * counts there is its CPU, not its waiting; each of its files also loads Playwright.
 */
const ROOT = path.resolve(__dirname, '../..');

const TIERS: Record<string, { dirs: string[] }> = {
  api: { dirs: ['test', 'test/hostile'] },
  browser: { dirs: ['test/browser'] },
};

export function bundleFiles(tier: string, index: number, count: number): string[] {
  const files = TIERS[tier].dirs
    .flatMap((dir) =>
      fs
        .readdirSync(path.join(ROOT, dir))
        .filter((f) => f.endsWith('.e2e-spec.ts'))
        .map((f) => path.join(ROOT, dir, f)),
    )
    .map((file) => ({ file, size: fs.statSync(file).size }))
    .sort((a, b) => b.size - a.size || a.file.localeCompare(b.file));
  const bundles = Array.from({ length: count }, () => ({ size: 0, files: [] as string[] }));
  for (const f of files) {
    const lightest = bundles.reduce((a, b) => (b.size < a.size ? b : a));
    lightest.size += f.size;
    lightest.files.push(f.file);
  }
  return bundles[index - 1].files;
}

/** Declares the specs of bundle `index` of `count` of a tier. */
export function runBundle(tier: string, index: number, count: number): void {
  for (const file of bundleFiles(tier, index, count)) {
    describe(path.relative(ROOT, file), () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(file);
    });
  }
}
