import * as fs from 'node:fs';
import * as path from 'node:path';
import { HostileCase } from './types';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../fixtures', name), 'utf8');
const BASE = fixture('base.bpmn');

/** The base model with one hostile change; the change must really apply. */
function mutate(find: string | RegExp, replace: string): string {
  const out = BASE.replace(find, replace);
  if (out === BASE) throw new Error(`corpus: mutation ${String(find)} did not apply`);
  return out;
}
const insertInProcess = (xml: string) => mutate('</bpmn:process>', `${xml}\n  </bpmn:process>`);

/** Element nesting `depth` deep inside a process (no DOCTYPE needed to exhaust a recursive walker). */
function deeplyNested(depth: number): string {
  return mutate(
    '</bpmn:process>',
    `<bpmn:subProcess id="Deep">${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}</bpmn:subProcess></bpmn:process>`,
  );
}

/** An internal entity used many times: "quadratic blowup", no nesting of entities. */
function quadraticBlowup(): string {
  const entity = 'A'.repeat(50_000);
  return `<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY a "${entity}">]>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D"><bpmn:process id="p" name="${'&a;'.repeat(2000)}" /></bpmn:definitions>`;
}

/** Parse-level problems: refused at lint and at deploy alike (the XML is not a model at all). */
const UNREADABLE: [string, string, string][] = [
  ['XXE: external entity with a file:// system id', fixture('xxe-file.bpmn'), 'xml'],
  ['XXE: external entity with an http:// system id (SSRF)', fixture('xxe-http.bpmn'), 'xml'],
  ['XXE: external parameter entity', fixture('xxe-parameter-entity.bpmn'), 'xml'],
  ['XXE: external DTD subset file:///etc/shadow', fixture('xxe-external-dtd.bpmn'), 'xml'],
  ['entity expansion: billion laughs', fixture('billion-laughs.bpmn'), 'xml'],
  ['entity expansion: quadratic blowup', quadraticBlowup(), 'xml'],
  ['lower-case <!doctype>', fixture('doctype-lowercase.bpmn'), 'xml'],
  ['DOCTYPE after a comment and whitespace', BASE.replace('-->', '-->\n   \t<!DOCTYPE x>'), 'xml'],
  ['deep nesting (20 000 levels)', deeplyNested(20_000), 'xml'],
  ['deep nesting (600 levels)', deeplyNested(600), 'xml'],
  ['not XML: JSON text', fixture('not-xml.json'), 'xml'],
  ['not XML: PDF bytes as text', '%PDF-1.4\n1 0 obj << >> endobj\n%%EOF', 'xml'],
  ['not XML: plain Chinese text', '这不是流程模型，只是一段文字。', 'xml'],
  ['empty string', '', 'xml'],
  ['only whitespace', ' \n\t ', 'xml'],
  ['unclosed element', fixture('unclosed.bpmn'), 'xml'],
  ['truncated half-way', BASE.slice(0, Math.floor(BASE.length / 2)), 'xml'],
  ['wrong root: XHTML with a script', fixture('wrong-root-html.xml'), 'xml'],
  ['wrong root: SVG with onload', fixture('wrong-root-svg.xml'), 'xml'],
  ['wrong root: bare bpmn:process', fixture('wrong-root-process.bpmn'), 'xml'],
  ['wrong namespace for definitions', fixture('wrong-namespace.bpmn'), 'xml'],
  [
    'huge: 2.5 MB model (over the 2 MB limit)',
    mutate('</bpmn:process>', `<!--${'x'.repeat(2_500_000)}--></bpmn:process>`),
    'xml',
  ],
];

/** Parse fine, but are not deployable models: refused at deploy (lint reports them as findings). */
const UNDEPLOYABLE: [string, string, string][] = [
  [
    'script task with JavaScript',
    insertInProcess(
      '<bpmn:scriptTask id="Task_Script" scriptFormat="javascript"><bpmn:script>require("child_process").execSync("id")</bpmn:script></bpmn:scriptTask>',
    ),
    'Task_Script',
  ],
  [
    'execution listener with an inline script',
    mutate(
      '<camunda:formData>',
      '<camunda:executionListener event="start"><camunda:script scriptFormat="javascript">process.exit(1)</camunda:script></camunda:executionListener><camunda:formData>',
    ),
    'Task_Review',
  ],
  ['unknown BPMN element', insertInProcess('<bpmn:teleportTask id="Task_Unknown" />'), 'bpmn:teleportTask'],
  [
    'element of an unknown namespace',
    insertInProcess(
      '<evil:payload xmlns:evil="http://attacker.invalid/ns" id="Evil_1">rm -rf /</evil:payload>',
    ),
    'evil:payload',
  ],
  [
    'XInclude of file:///etc/passwd',
    insertInProcess(
      '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text" />',
    ),
    'xi:include',
  ],
  [
    'task listener with a Java class',
    mutate(
      '<camunda:formData>',
      '<camunda:taskListener event="create" class="java.lang.Runtime" /><camunda:formData>',
    ),
    'Task_Review',
  ],
  ['complex gateway', insertInProcess('<bpmn:complexGateway id="Gateway_Complex" />'), 'Gateway_Complex'],
  ['non-executable process', mutate('isExecutable="true"', 'isExecutable="false"'), 'hostile-base'],
  ['xml-stylesheet processing instruction pointing at a file', fixture('stylesheet-pi.bpmn'), 'p'],
  [
    'duplicate element ids',
    mutate('id="Task_ServeRefusal"', 'id="Task_ServeAcceptance"'),
    'Task_ServeAcceptance',
  ],
];

const legal = 'legal';

export const BPMN_CASES: HostileCase[] = [
  ...UNREADABLE.flatMap(([name, xml, field]): HostileCase[] => [
    {
      category: 'bpmn-xml',
      name: `lint: ${name}`,
      user: legal,
      method: 'POST',
      path: '/api/processes/lint',
      json: { xml },
      field,
    },
    {
      category: 'bpmn-xml',
      name: `deploy: ${name}`,
      user: legal,
      method: 'POST',
      path: '/api/processes',
      json: { xml, fileName: 'hostile.bpmn' },
      field,
    },
  ]),
  ...UNDEPLOYABLE.map(([name, xml, field]): HostileCase => ({
    category: 'bpmn-xml',
    name: `deploy: ${name}`,
    user: legal,
    method: 'POST',
    path: '/api/processes',
    json: { xml, fileName: 'hostile.bpmn' },
    field,
  })),
  {
    category: 'bpmn-xml',
    name: 'deploy: xml is a number',
    user: legal,
    method: 'POST',
    path: '/api/processes',
    json: { xml: 12345 },
    field: 'xml',
  },
  {
    category: 'bpmn-xml',
    name: 'lint: xml is an array of strings',
    user: legal,
    method: 'POST',
    path: '/api/processes/lint',
    json: { xml: [BASE] },
    field: 'xml',
  },
  {
    category: 'bpmn-xml',
    name: 'lint: xml is an object',
    user: legal,
    method: 'POST',
    path: '/api/processes/lint',
    json: { xml: { '#text': BASE } },
    field: 'xml',
  },
  {
    category: 'bpmn-xml',
    name: 'lint: xml missing',
    user: legal,
    method: 'POST',
    path: '/api/processes/lint',
    json: {},
    field: 'xml',
  },
  {
    category: 'bpmn-xml',
    name: 'deploy: body over the JSON limit (4 MB)',
    user: legal,
    method: 'POST',
    path: '/api/processes',
    raw: {
      contentType: 'application/json',
      bytes: JSON.stringify({ xml: `<x>${'y'.repeat(4 * 1024 * 1024)}</x>` }),
    },
    field: 'body',
    status: 413,
  },
  {
    category: 'bpmn-xml',
    name: 'deploy: model sent as application/xml',
    user: legal,
    method: 'POST',
    path: '/api/processes',
    raw: { contentType: 'application/xml', bytes: BASE },
    field: 'xml',
  },
];

export { BASE as BASE_BPMN };
