/**
 * The test tiers, each a jest project (`--selectProjects`):
 * - unit: pure and library specs next to the code (libs/, apps/), and of the test support itself;
 * - api: the real API on a fresh database per file, driven over HTTP (test/*.e2e-spec.ts, test/hostile);
 * - integrity: the same proofs at full size, several processes, SIGKILL, tampering (test/integrity);
 * - fault: backup, restore and damaged backups, with the API running or stopped (test/fault);
 * - browser: headless Chromium through the web app (test/browser).
 * `npm test` runs unit and api; `npm run test:all` runs every tier. The same suites run on PGlite and,
 * with DATABASE_URL, on PostgreSQL.
 */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');
const { databaseUnitSpecs, exactFilesRegex } = require('./test/support/database-specs');
const { swcOptions } = require('./test/support/swc-options');

// swc transpiles (with the decorator metadata Nest's injection reads); `npm run typecheck` type-checks.
const transform = { '^.+\\.ts$': ['@swc/jest', { ...swcOptions, sourceMaps: 'inline' }] };

const project = (displayName, roots, testRegex, extra = {}) => ({
  displayName,
  rootDir: '.',
  // Jest's node environment, recording each file's CPU seconds when TEST_COST_FILE is set.
  testEnvironment: '<rootDir>/test/support/cost-environment.js',
  moduleFileExtensions: ['js', 'json', 'ts'],
  roots: roots.map((r) => `<rootDir>/${r}`),
  testRegex,
  transform,
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  ...extra,
});

const UNIT_ROOTS = ['libs', 'apps', 'eslint-rules', 'test/support'];

module.exports = {
  testTimeout: 120000,
  testSequencer: '<rootDir>/test/support/sequencer.js',
  projects: [
    // TEST_UNIT_DATABASE_ONLY (set by scripts/run-tiers.js for .ci/run's PostgreSQL pass): only the
    // unit specs that depend on the database (test/support/database-specs.js); the PGlite pass ran all.
    project(
      'unit',
      UNIT_ROOTS,
      process.env.TEST_UNIT_DATABASE_ONLY
        ? exactFilesRegex(databaseUnitSpecs(__dirname, UNIT_ROOTS))
        : '.*\\.spec\\.ts$',
      { testEnvironment: '<rootDir>/test/support/unit-environment.js' },
    ),
    // TEST_BUNDLES (set by scripts/run-tiers.js for whole-tier runs): the api specs in the bundles of
    // test/bundles, several per module graph (test/support/bundle.ts); otherwise one file each.
    process.env.TEST_BUNDLES
      ? project('api', ['test/bundles'], 'api-.*\\.e2e-bundle\\.ts$')
      : project('api', ['test'], '^(?!.*/test/(integrity|fault|browser)/).*\\.e2e-spec\\.ts$'),
    project('integrity', ['test/integrity'], '.*\\.e2e-spec\\.ts$'),
    project('fault', ['test/fault'], '.*\\.e2e-spec\\.ts$'),
    // The web app is built once before the tier's files start (they may run two at a time). With
    // TEST_BUNDLES, its specs in the bundles of test/bundles too.
    project(
      'browser',
      process.env.TEST_BUNDLES ? ['test/bundles'] : ['test/browser'],
      process.env.TEST_BUNDLES ? 'browser-.*\\.e2e-bundle\\.ts$' : '.*\\.e2e-spec\\.ts$',
      { globalSetup: '<rootDir>/test/support/browser-setup.ts' },
    ),
  ],
};
