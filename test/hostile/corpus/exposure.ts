import { HostileCase } from './types';

/**
 * Issue 14, least exposure and evidence: originals asked for outside casework without a real
 * 查阅事由, and a display name that would make the record read as someone else's. Each is refused
 * before anything is read or recorded.
 */
const vague = encodeURIComponent('看看。。。');

export const EXPOSURE_CASES: HostileCase[] = [
  {
    category: 'accounts',
    name: 'create account: a display name another account of the region has',
    user: 'admin',
    method: 'POST',
    path: '/api/users',
    json: {
      username: 'second.reviewer',
      displayName: '钱审核',
      role: 'investigator',
      regionCode: '410799100',
      password: 'Chushi2026',
    },
    field: 'displayName',
    status: 409,
  },
  {
    category: 'accounts',
    name: 'attachment original outside casework without a reason',
    user: 'legal',
    method: 'GET',
    path: (ctx) => `/api/attachments/${ctx.attachmentId}/content`,
    field: 'reason',
    status: 403,
  },
  {
    category: 'accounts',
    name: 'attachment original outside casework with a reason of punctuation',
    user: 'admin',
    method: 'GET',
    path: (ctx) => `/api/attachments/${ctx.attachmentId}/content?reason=${vague}`,
    field: 'reason',
    status: 400,
  },
  {
    category: 'accounts',
    name: '案卷 outside casework without a reason',
    user: 'legal',
    method: 'GET',
    path: (ctx) => `/api/cases/${ctx.caseId}/case-file`,
    field: 'reason',
    status: 403,
  },
  {
    category: 'accounts',
    name: '案卷 outside casework with a reason of two characters',
    user: 'admin',
    method: 'GET',
    path: (ctx) => `/api/cases/${ctx.caseId}/case-file?reason=${encodeURIComponent('看看')}`,
    field: 'reason',
    status: 400,
  },
];
