import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundleFiles } from './bundle';

const ROOT = path.resolve(__dirname, '../..');

interface JestProject {
  displayName: string;
  roots: string[];
  testRegex: string;
}

/** The projects of jest.config.js as a run without TEST_BUNDLES (a narrowed run) sees them. */
function unbundledProjects(): JestProject[] {
  const saved = process.env.TEST_BUNDLES;
  delete process.env.TEST_BUNDLES;
  try {
    let projects: JestProject[] = [];
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      projects = (require(path.join(ROOT, 'jest.config.js')) as { projects: JestProject[] }).projects;
    });
    return projects;
  } finally {
    if (saved !== undefined) process.env.TEST_BUNDLES = saved;
  }
}

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

/** The files a tier's jest project runs one by one (what `npm test -- <file>` can name). */
function specsOf(project: JestProject): string[] {
  const regex = new RegExp(project.testRegex);
  return project.roots
    .flatMap((root) => walk(root.replace('<rootDir>', ROOT)))
    .filter((file) => regex.test(file))
    .sort();
}

/** The bundles test/bundles declares: `runBundle(tier, index, count)` per file. */
function declaredBundles(): { tier: string; index: number; count: number }[] {
  const dir = path.join(ROOT, 'test/bundles');
  return fs.readdirSync(dir).flatMap((file) => {
    const m = /runBundle\('(\w+)', (\d+), (\d+)\)/.exec(fs.readFileSync(path.join(dir, file), 'utf8'));
    return m ? [{ tier: m[1], index: Number(m[2]), count: Number(m[3]) }] : [];
  });
}

describe('the bundles of a whole-tier run', () => {
  const projects = unbundledProjects();
  // A whole-tier run (scripts/run-tiers.js, TEST_BUNDLES) runs these tiers only through their bundles.
  it.each(['api', 'browser'])('run every %s spec exactly once', (tier) => {
    const project = projects.find((p) => p.displayName === tier)!;
    const expected = specsOf(project);
    expect(expected.length).toBeGreaterThan(0);
    const bundles = declaredBundles().filter((b) => b.tier === tier);
    const count = bundles[0]?.count;
    expect(bundles.map((b) => b.count)).toEqual(bundles.map(() => count));
    expect(bundles.map((b) => b.index).sort((a, b) => a - b)).toEqual(
      Array.from({ length: count ?? 0 }, (_, i) => i + 1),
    );
    const bundled = bundles.flatMap((b) => bundleFiles(tier, b.index, b.count)).sort();
    expect(bundled).toEqual(expected);
  });
});
