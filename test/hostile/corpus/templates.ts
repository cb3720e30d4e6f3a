import * as fs from 'node:fs';
import * as path from 'node:path';
import { APPLICATION_BODY, ECONOMICS, REVIEW_FORM } from './bodies';
import { HostileCase } from './types';

const dir = path.join(__dirname, '../../../templates/acceptance-notice');
/** A real template of the registry: the corpus changes one thing at a time. */
export const TEMPLATE = {
  manifest: JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>,
  body: fs.readFileSync(path.join(dir, 'body.hbs'), 'utf8'),
};

/** `levels` nested `{{#each @root}}` around one character: work grows as (keys of the data)^levels. */
export const nestedRoot = (levels: number) =>
  `${'{{#each @root}}'.repeat(levels)}x${'{{/each}}'.repeat(levels)}`;

/** Handlebars that reaches for the prototype chain, partials, broken syntax or unbounded work. */
const HOSTILE_SOURCES: [string, string][] = [
  ['constructor.constructor call', '{{constructor.constructor "return process.mainModule"}}'],
  [
    'constructor.constructor in a sub-expression',
    '{{#with (constructor.constructor "return this")}}x{{/with}}',
  ],
  ['lookup of constructor', '{{lookup this "constructor"}}'],
  ['lookup of __proto__ in each', '{{#each (lookup this "__proto__")}}{{@key}}{{/each}}'],
  ['__proto__ path', '{{__proto__.polluted}}'],
  ['constructor.prototype path', '{{applicant.constructor.prototype}}'],
  ['@root.constructor', '{{@root.constructor.name}}'],
  ['bracketed [constructor] segment', '{{applicant.[constructor]}}'],
  ['__defineGetter__', '{{applicant.__defineGetter__}}'],
  ['partial include', '{{> evil}}'],
  ['dynamic partial', '{{> (lookup this "x")}}'],
  ['unknown helper', '{{exec "rm -rf /"}}'],
  ['unclosed block', '{{#each applicant}}'],
  ['unclosed mustache', '{{applicant.name'],
  ['inline partial definition', '{{#*inline "x"}}{{constructor}}{{/inline}}'],
  ['decorator', '{{* decorator}}'],
  ['eight nested each over @root (8^8 iterations: froze lint for 7.7 s)', nestedRoot(8)],
  ['nine nested each over @root', nestedRoot(9)],
  ['each over this', '{{#each this}}{{#each this}}x{{/each}}{{/each}}'],
  [
    'three nested each over a list',
    '{{#each household.members}}{{#each ../household.members}}{{#each ../../household.members}}x{{/each}}{{/each}}{{/each}}',
  ],
];

const draft = (body: string) => ({ manifest: TEMPLATE.manifest, body: `${TEMPLATE.body}\n${body}` });

/**
 * No loop: each copy joins a sample list into two 100 MB strings and compares them, printing
 * nothing (ten copies took 13 s of preview; a 200 KB body holds 3000).
 */
const joinTwice = (copies: number) => ({
  manifest: {
    ...TEMPLATE.manifest,
    sample: {
      ...(TEMPLATE.manifest.sample as object),
      zz: { list: Array.from({ length: 1000 }, () => ''), sep: 'x'.repeat(100_000) },
    },
  },
  body: `${TEMPLATE.body}\n${'{{#if (eq (join zz.list zz.sep) (join zz.list zz.sep))}}{{/if}}'.repeat(copies)}`,
});

/** JSON with a real "__proto__" key (an object literal would set the prototype instead). */
function withProtoKey(json: object, at: string, key: string, value: unknown): string {
  const text = JSON.stringify(json);
  const marker = `"${at}":{`;
  if (!text.includes(marker)) throw new Error(`corpus: ${at} not found`);
  const at2 = text.indexOf(marker) + marker.length;
  const comma = text[at2] === '}' ? '' : ',';
  return `${text.slice(0, at2)}${JSON.stringify(key)}:${JSON.stringify(value)}${comma}${text.slice(at2)}`;
}
const rawJson = (bytes: string) => ({ contentType: 'application/json', bytes });

export const TEMPLATE_CASES: HostileCase[] = [
  ...HOSTILE_SOURCES.flatMap(([name, source]): HostileCase[] => [
    {
      category: 'template-injection',
      name: `template preview source: ${name}`,
      user: 'legal',
      method: 'POST',
      path: '/api/templates/preview',
      json: draft(source),
      field: 'body',
    },
    {
      category: 'template-injection',
      name: `template lint source: ${name}`,
      user: 'legal',
      method: 'POST',
      path: '/api/templates/lint',
      json: draft(source),
      field: 'body',
    },
  ]),
  {
    category: 'template-injection',
    name: 'template publish source: constructor.constructor call',
    user: 'legal',
    method: 'POST',
    path: '/api/templates/acceptance-notice',
    json: draft('{{constructor.constructor "return process"}}'),
    field: 'body',
  },
  {
    category: 'template-injection',
    name: 'template publish source: eight nested each over @root',
    user: 'legal',
    method: 'POST',
    path: '/api/templates/acceptance-notice',
    json: draft(nestedRoot(8)),
    field: 'body',
  },
  ...(
    [
      ['preview', '/api/templates/preview', 10],
      ['lint', '/api/templates/lint', 10],
      ['publish', '/api/templates/acceptance-notice', 10],
      ['preview of 3000 copies', '/api/templates/preview', 3000],
    ] as [string, string, number][]
  ).map(([name, url, copies]): HostileCase => ({
    category: 'template-injection',
    name: `template ${name}: joins into 100 MB strings in sub-expressions, no loop`,
    user: 'legal',
    method: 'POST',
    path: url,
    json: joinTwice(copies),
    field: 'body',
  })),
  {
    category: 'template-injection',
    name: 'template body over 200 000 characters',
    user: 'legal',
    method: 'POST',
    path: '/api/templates/preview',
    json: draft('文'.repeat(200_001)),
    field: 'body',
  },
  ...(
    [
      ['preview data.__proto__', '/api/templates/preview', { ...TEMPLATE, data: { x: {} } }, 'x', 'data'],
      [
        'preview manifest.__proto__',
        '/api/templates/preview',
        { ...TEMPLATE, manifest: { ...TEMPLATE.manifest, x: {} } },
        'x',
        'manifest',
      ],
      ['lint manifest.sample.__proto__', '/api/templates/lint', TEMPLATE, 'sample', 'manifest.sample'],
      [
        'publish manifest.__proto__',
        '/api/templates/acceptance-notice',
        { ...TEMPLATE, manifest: { ...TEMPLATE.manifest, x: {} } },
        'x',
        'manifest',
      ],
    ] as [string, string, object, string, string][]
  ).map(([name, url, body, at, field]): HostileCase => ({
    category: 'template-injection',
    name: `prototype pollution: ${name}`,
    user: 'legal',
    method: 'POST',
    path: url,
    raw: rawJson(withProtoKey(body, at, '__proto__', { polluted: true, isAdmin: true })),
    field,
  })),
  {
    category: 'template-injection',
    name: 'prototype pollution: preview data.constructor.prototype',
    user: 'legal',
    method: 'POST',
    path: '/api/templates/preview',
    json: { ...TEMPLATE, data: { constructor: { prototype: { polluted: true } } } },
    field: 'data.constructor',
  },
  {
    category: 'template-injection',
    name: 'prototype pollution: top-level __proto__ in an application',
    user: 'clerk',
    method: 'POST',
    path: '/api/cases',
    raw: rawJson(JSON.stringify(APPLICATION_BODY).replace('{', '{"__proto__":{"authorizationSigned":true},')),
    field: '__proto__',
  },
  {
    category: 'template-injection',
    name: 'prototype pollution: applicant.__proto__',
    user: 'clerk',
    method: 'POST',
    path: '/api/cases',
    raw: rawJson(withProtoKey(APPLICATION_BODY, 'applicant', '__proto__', { name: '王建国' })),
    field: 'applicant.__proto__',
  },
  {
    category: 'template-injection',
    name: 'prototype pollution: application variables.__proto__',
    user: 'clerk',
    method: 'POST',
    path: '/api/cases',
    raw: rawJson(
      withProtoKey({ ...APPLICATION_BODY, variables: { urgency: 'red' } }, 'variables', '__proto__', {
        admin: true,
      }),
    ),
    field: 'variables.__proto__',
  },
  {
    category: 'template-injection',
    name: 'prototype pollution: application variables.constructor.prototype',
    user: 'clerk',
    method: 'POST',
    path: '/api/cases',
    json: { ...APPLICATION_BODY, variables: { constructor: { prototype: { admin: true } } } },
    field: 'variables.constructor',
  },
  {
    category: 'template-injection',
    name: 'prototype pollution: step form data.__proto__',
    user: 'reviewer',
    method: 'POST',
    path: (ctx) => `/api/tasks/${ctx.moneyTaskId}/complete`,
    raw: rawJson(
      withProtoKey({ data: REVIEW_FORM }, 'data', '__proto__', {
        opinion: 'eligible',
      }),
    ),
    field: 'data.__proto__',
  },
  {
    category: 'template-injection',
    name: 'prototype pollution: step form data.constructor.prototype',
    user: 'reviewer',
    method: 'POST',
    path: (ctx) => `/api/tasks/${ctx.moneyTaskId}/complete`,
    json: { data: { ...REVIEW_FORM, constructor: { prototype: { x: 1 } } } },
    field: 'data.constructor',
  },
  {
    category: 'template-injection',
    name: 'prototype pollution: step preview data.__proto__',
    user: 'reviewer',
    method: 'POST',
    path: (ctx) => `/api/tasks/${ctx.moneyTaskId}/preview`,
    raw: rawJson(withProtoKey({ data: { opinion: 'eligible' } }, 'data', '__proto__', { polluted: true })),
    field: 'data.__proto__',
  },
  {
    category: 'template-injection',
    name: 'prototype pollution: economics household.assets.__proto__',
    user: 'investigator',
    method: 'PUT',
    path: (ctx) => `/api/cases/${ctx.caseId}/economics`,
    raw: rawJson(withProtoKey(ECONOMICS, 'assets', '__proto__', { depositsFen: -1 })),
    field: 'household.assets.__proto__',
  },
  {
    category: 'template-injection',
    name: 'prototype pollution: procedure start data.__proto__',
    user: 'reviewer',
    method: 'POST',
    path: (ctx) => `/api/cases/${ctx.caseId}/procedures`,
    raw: rawJson(
      withProtoKey({ processKey: 'dibao-review', data: { x: 1 } }, 'data', '__proto__', { polluted: 1 }),
    ),
    field: 'data.__proto__',
  },
  {
    category: 'template-injection',
    name: 'prototype pollution: policy parameters.prototype key',
    user: 'admin',
    method: 'POST',
    path: '/api/policy-parameters',
    json: {
      regionCode: '410799',
      effectiveFrom: '2099-01-01',
      parameters: { prototype: { polluted: true } },
    },
    field: 'parameters.prototype',
  },
];
