// @ts-check
'use strict';

/**
 * Typed repositories are the only code that touches SQL: a `.query(…)`, `getRepository(…)`,
 * `createQueryBuilder(…)` call (or one of the other ways into the database below, also through
 * `.call`, `.apply` or `.bind`) anywhere else is reported. Allowed in `*.repository.ts` files,
 * migrations and backup/restore (which move whole databases), the database driver TypeORM sends every
 * statement through (`libs/persistence/src/driver/`), and tests (which inspect rows).
 *
 * CommonJS, so jest (ts-jest, CommonJS) can load it for its RuleTester spec as eslint.config.mjs does.
 */

const SQL_CALLS = new Set([
  'query',
  'getRepository',
  'createQueryBuilder',
  'getTreeRepository',
  'withRepository',
  'createQueryRunner',
  'getPGliteInstance',
]);

/** Paths (relative, with forward slashes) where SQL is allowed besides repository files. */
const ALLOWED = [
  /\.repository\.ts$/,
  /(^|\/)libs\/persistence\/src\/migrations\//,
  /(^|\/)libs\/persistence\/src\/backup\//,
  /(^|\/)libs\/persistence\/src\/driver\//,
  /\.(spec|e2e-spec)\.ts$/,
  /^test\//,
];

/** @param {string} filename @param {string} cwd */
function relativePath(filename, cwd) {
  const file = filename.replace(/\\/g, '/');
  const root = cwd.replace(/\\/g, '/').replace(/\/?$/, '/');
  return file.startsWith(root) ? file.slice(root.length) : file;
}

/** The name a member is read by: `a.b`, `a['b']`, a`['b']` with a plain template. */
/** @param {import('estree').MemberExpression} member */
function memberName(member) {
  const p = member.property;
  if (!member.computed && p.type === 'Identifier') return p.name;
  if (p.type === 'Literal') return String(p.value);
  if (p.type === 'TemplateLiteral' && p.expressions.length === 0) return p.quasis[0].value.cooked;
  return null;
}

/** @param {import('estree').Node} callee */
function calledName(callee) {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type !== 'MemberExpression') return null;
  const name = memberName(callee);
  // `em.query.call(em, sql)` and the like call what the object names.
  if (name && ['call', 'apply', 'bind'].includes(name) && callee.object.type === 'MemberExpression')
    return memberName(callee.object);
  return name;
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
