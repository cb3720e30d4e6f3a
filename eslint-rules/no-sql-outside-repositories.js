// @ts-check
'use strict';

/**
 * Typed repositories are the only code that touches SQL: a `.query(…)`, `getRepository(…)` or
 * `createQueryBuilder(…)` call anywhere else is reported. Allowed in `*.repository.ts` files,
 * migrations and backup/restore (which move whole databases), and tests (which inspect rows).
 *
 * CommonJS, so jest (ts-jest, CommonJS) can load it for its RuleTester spec as eslint.config.mjs does.
 */

const SQL_CALLS = new Set(['query', 'getRepository', 'createQueryBuilder']);

/** Paths (relative, with forward slashes) where SQL is allowed besides repository files. */
const ALLOWED = [
  /\.repository\.ts$/,
  /(^|\/)libs\/persistence\/src\/migrations\//,
  /(^|\/)libs\/persistence\/src\/backup\//,
  /\.(spec|e2e-spec)\.ts$/,
  /^test\//,
];

/** @param {string} filename @param {string} cwd */
function relativePath(filename, cwd) {
  const file = filename.replace(/\\/g, '/');
  const root = cwd.replace(/\\/g, '/').replace(/\/?$/, '/');
  return file.startsWith(root) ? file.slice(root.length) : file;
}

/** @param {import('estree').Node} callee */
function calledName(callee) {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier')
    return callee.property.name;
  if (callee.type === 'MemberExpression' && callee.computed && callee.property.type === 'Literal')
    return String(callee.property.value);
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
module.exports = {
  meta: {
    type: 'problem',
    docs: {
      description: 'SQL (.query, getRepository, createQueryBuilder) only in *.repository.ts files',
    },
    messages: {
      sql:
        '{{name}}() touches the database outside a repository: move it into a typed method of a ' +
        '*.repository.ts file and call that (migrations, backup and tests are exempt).',
    },
    schema: [],
  },
  create(context) {
    const file = relativePath(context.filename, context.cwd);
    if (ALLOWED.some((pattern) => pattern.test(file))) return {};
    return {
      CallExpression(node) {
        // `a?.query()` is a ChainExpression around the call: the callee is still a MemberExpression.
        const name = calledName(node.callee);
        if (name && SQL_CALLS.has(name)) context.report({ node, messageId: 'sql', data: { name } });
      },
    };
  },
};
