/**
 * How swc transpiles this repository's TypeScript for the tests: with the legacy decorators and
 * the decorator metadata Nest's injection reads. jest.config.js transforms the test processes'
 * modules with it and test/support/compiled-worker.ts the worker processes' sources, so a worker
 * runs the application exactly as the test process does (`npm run typecheck` type-checks).
 */
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
};

module.exports = { swcOptions };
