import { CorpusContext, HostileCase } from './types';

/**
 * Issue 14, findings 1 and 6, as hostile inputs: an administrator widening their own account,
 * duty rules below the national floor or backdated, a relaxation published by one person, and
 * publications from an account below the level they govern. Each must change nothing.
 */
const rules = (separate: string[][], nearRelativeRecusal = true, effectiveFrom?: string) => ({
  regionCode: '410799',
  effectiveFrom: effectiveFrom ?? '2099-01-01',
  rules: { separate, nearRelativeRecusal },
});

const FLOOR = ['investigator', 'county_approver'];

export const DECIDE_ALONE_CASES: HostileCase[] = [
  {
    category: 'accounts',
    name: 'administrator grants themselves every casework duty',
    user: 'admin',
    method: 'PATCH',
    path: (ctx: CorpusContext) => `/api/users/${ctx.adminUserId}`,
    json: { extraRoles: ['investigator', 'township_reviewer', 'county_approver', 'window_clerk'] },
    field: 'extraRoles',
  },
  {
    category: 'accounts',
    name: 'a township account given the county approver duty',
    user: 'admin',
    method: 'PATCH',
    path: (ctx: CorpusContext) => `/api/users/${ctx.townshipUserId}`,
    json: { extraRoles: ['township_reviewer', 'county_approver'] },
    field: 'extraRoles',
  },
  {
    category: 'accounts',
    name: 'duty rules with no separation and no recusal',
    user: 'admin',
    method: 'POST',
    path: '/api/duty-rules',
    json: rules([], false),
    field: 'rules.separate',
  },
  {
    category: 'accounts',
    name: 'duty rules backdated to 2020',
    user: 'admin',
    method: 'POST',
    path: '/api/duty-rules',
    json: rules([FLOOR], true, '2020-01-01'),
    field: 'effectiveFrom',
  },
  {
    category: 'accounts',
    name: 'a relaxation published by one administrator',
    user: 'admin',
    method: 'POST',
    path: '/api/duty-rules',
    json: rules([FLOOR]),
    field: 'rules.separate',
    status: 409,
  },
  {
    category: 'accounts',
    name: 'a proposal below the national floor',
    user: 'admin',
    method: 'POST',
    path: '/api/duty-rules/proposals',
    json: rules([['investigator', 'township_reviewer']], false),
    field: 'rules.separate',
  },
  {
    category: 'accounts',
    name: 'a township clerk publishing policy parameters',
    user: 'clerk',
    method: 'POST',
    path: '/api/policy-parameters',
    json: { regionCode: '410799100', effectiveFrom: '2027-01-01', parameters: {} },
    field: '发布政策参数',
    status: 403,
  },
];
