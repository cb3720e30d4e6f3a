'use strict';
// The pool's thread entry when the API runs from TypeScript sources (ts-node, jest, benches):
// a built API (dist) runs the compiled render-worker.js beside document-pipeline.js instead.
const path = require('node:path');
const root = path.resolve(__dirname, '../../..');
const { compilerOptions } = require(path.join(root, 'tsconfig.json'));
require('ts-node').register({ transpileOnly: true, project: path.join(root, 'tsconfig.json') });
require('tsconfig-paths').register({ baseUrl: root, paths: compilerOptions.paths });
module.exports = require('./render-worker.ts');
