import { JPEG } from '../../support/sample-files';
import { REVIEW_FORM } from './bodies';
import { BASE_BPMN } from './bpmn';
import { TEMPLATE } from './templates';
import { HostileCase } from './types';

/** Template ids as they would arrive in the URL (already percent-encoded where needed). */
const TEMPLATE_IDS: [string, string][] = [
  ['../ traversal (encoded)', '..%2F..%2Fetc%2Fpasswd'],
  ['absolute path (encoded)', '%2Fetc%2Fpasswd'],
  ['NUL after a real id', 'acceptance-notice%00'],
  ['double-encoded ../', '..%252F..%252Fetc%252Fpasswd'],
  ['backslash traversal', '..%5C..%5Cwindows%5Cwin.ini'],
  ['dot-dot only', '..'],
  ['file URL', 'file%3A%2F%2F%2Fetc%2Fpasswd'],
  ['id with .hbs suffix', 'acceptance-notice.hbs'],
];

/** Attachment file names (sent URL-encoded in the query string). */
const FILE_NAMES: [string, string][] = [
  ['../ traversal', '../../etc/passwd'],
  ['absolute Unix path', '/etc/passwd'],
  ['Windows traversal', '..\\..\\windows\\win.ini'],
  ['Windows drive path', 'C:\\Windows\\system32\\x.jpg'],
  ['NUL truncation', 'photo.jpg\u0000.exe'],
  ['right-to-left override extension spoof', 'photo\u202Egpj.exe'],
  ['hidden dot file', '.htaccess'],
  ['only dots', '..'],
  ['URL-encoded traversal', '%2e%2e%2f%2e%2e%2fetc%2fpasswd'],
  ['over 255 characters', `${'长'.repeat(300)}.jpg`],
];

const BPMN_FILE_NAMES: [string, string][] = [
  ['../ traversal', '../../processes/dibao-application.bpmn'],
  ['absolute path', '/etc/passwd.bpmn'],
  ['NUL', 'model\u0000.bpmn'],
  ['not .bpmn', 'model.sh'],
];

const upload = (fileName: string) => (ctx: { caseId: string }) =>
  `/api/cases/${ctx.caseId}/attachments?kind=other&fileName=${encodeURIComponent(fileName)}`;

export const PATH_CASES: HostileCase[] = [
  ...TEMPLATE_IDS.flatMap(([name, id]): HostileCase[] => [
    {
      category: 'path-traversal',
      name: `template GET id: ${name}`,
      user: 'legal',
      method: 'GET',
      path: `/api/templates/${id}`,
      field: 'id',
    },
    {
      category: 'path-traversal',
      name: `template publish id: ${name}`,
      user: 'legal',
      method: 'POST',
      path: `/api/templates/${id}`,
      json: TEMPLATE,
      field: 'id',
    },
  ]),
  ...(
    [
      ['../ traversal', '../../etc/passwd'],
      ['absolute path', '/etc/passwd'],
      ['NUL', 'acceptance-notice\u0000'],
    ] as [string, string][]
  ).flatMap(([name, id]): HostileCase[] => [
    {
      category: 'path-traversal',
      name: `template preview manifest.id: ${name}`,
      user: 'legal',
      method: 'POST',
      path: '/api/templates/preview',
      json: { ...TEMPLATE, manifest: { ...TEMPLATE.manifest, id } },
      field: 'manifest',
    },
  ]),
  ...FILE_NAMES.map(([name, fileName]): HostileCase => ({
    category: 'path-traversal',
    name: `attachment fileName: ${name}`,
    user: 'clerk',
    method: 'POST',
    path: upload(fileName),
    raw: { contentType: 'image/jpeg', bytes: JPEG },
    field: 'fileName',
  })),
  ...BPMN_FILE_NAMES.map(([name, fileName]): HostileCase => ({
    category: 'path-traversal',
    name: `deploy fileName: ${name}`,
    user: 'legal',
    method: 'POST',
    path: '/api/processes',
    json: { xml: BASE_BPMN, fileName },
    field: 'fileName',
  })),
  {
    category: 'path-traversal',
    name: 'step preview ?template=../../etc/passwd',
    user: 'reviewer',
    method: 'POST',
    path: (ctx) => `/api/tasks/${ctx.moneyTaskId}/preview?template=${encodeURIComponent('../../etc/passwd')}`,
    json: { data: REVIEW_FORM },
    field: 'template',
  },
  {
    category: 'path-traversal',
    name: 'verify code with ../ traversal',
    user: null,
    method: 'GET',
    path: '/api/verify/..%2F..%2Fetc%2Fpasswd',
    field: 'code',
  },
  {
    category: 'path-traversal',
    name: 'calendar year with ../ traversal',
    user: 'admin',
    method: 'GET',
    path: '/api/calendar/..%2F2026',
    field: 'year',
  },
  {
    category: 'path-traversal',
    name: 'process migrations key with ../ traversal',
    user: 'legal',
    method: 'GET',
    path: '/api/processes/..%2F..%2Fetc/migrations',
    field: 'key',
  },
];
