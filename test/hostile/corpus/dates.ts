import { DEFAULT_PARAMETERS } from '@app/assessment';
import { JPEG } from '../../support/sample-files';
import { ECONOMICS, MONITORING_EVENT } from './bodies';
import { TEMPLATE } from './templates';
import { HostileCase } from './types';

/**
 * Dates that look like dates but name no day, or a day outside 1900–2100 (PostgreSQL has no year
 * 0000): each used to reach the database and come back as a 500.
 */
const IMPOSSIBLE: [string, string][] = [
  ['February 30th', '2026-02-30'],
  ['year 0000', '0000-01-01'],
  ['month 13', '2026-13-01'],
  ['February 29th of a common year', '2027-02-29'],
  ['year 2101', '2101-01-01'],
];

/** The first two suffice where a route only repeats the same rule. */
const SOME = IMPOSSIBLE.slice(0, 2);

const each = (
  dates: [string, string][],
  make: (name: string, date: string) => Omit<HostileCase, 'category' | 'name'>,
  label: string,
): HostileCase[] =>
  dates.map(([name, date]) => ({ category: 'dates', name: `${label}: ${name}`, ...make(name, date) }));

export const DATE_CASES: HostileCase[] = [
  ...each(
    IMPOSSIBLE,
    (_, date) => ({
      user: 'admin',
      method: 'POST',
      path: '/api/duty-rules',
      json: {
        regionCode: '410799',
        effectiveFrom: date,
        rules: { separate: [['investigator', 'county_approver']], nearRelativeRecusal: true },
      },
      field: 'effectiveFrom',
    }),
    'duty rules effectiveFrom',
  ),
  ...each(
    IMPOSSIBLE,
    (_, date) => ({
      user: 'approver',
      method: 'GET',
      path: `/api/policy-parameters/resolve?regionCode=410799&date=${date}`,
      field: 'date',
    }),
    'policy resolve date',
  ),
  ...each(
    IMPOSSIBLE,
    (_, date) => ({
      user: 'approver',
      method: 'GET',
      path: `/api/reports/overdue?asOf=${date}`,
      field: 'asOf',
    }),
    'overdue report asOf',
  ),
  ...each(
    SOME,
    (_, date) => ({
      user: 'approver',
      method: 'GET',
      path: `/api/reports/overdue?format=csv&asOf=${date}`,
      field: 'asOf',
    }),
    'overdue report CSV asOf',
  ),
  ...each(
    IMPOSSIBLE,
    (_, date) => ({
      user: 'clerk',
      method: 'POST',
      path: '/api/assessments',
      json: { regionCode: '410799100201', household: ECONOMICS.household, assessmentDate: date },
      field: 'assessmentDate',
    }),
    'assessment assessmentDate',
  ),
  ...each(
    SOME,
    (_, date) => ({
      user: 'admin',
      method: 'POST',
      path: '/api/policy-parameters',
      json: {
        regionCode: '410799',
        effectiveFrom: date,
        parameters: DEFAULT_PARAMETERS,
        note: '敌意输入测试',
      },
      field: 'effectiveFrom',
    }),
    'policy parameters effectiveFrom',
  ),
  ...each(
    SOME,
    (_, date) => ({
      user: 'admin',
      method: 'POST',
      path: '/api/monitoring/events',
      json: { ...MONITORING_EVENT, occurredOn: date },
      field: 'occurredOn',
    }),
    'monitoring event occurredOn',
  ),
  ...each(
    SOME,
    (_, date) => ({
      user: 'clerk',
      method: 'GET',
      path: `/api/tasks?dueBefore=${date}`,
      field: 'dueBefore',
    }),
    'inbox dueBefore',
  ),
  ...each(
    SOME,
    (_, date) => ({
      user: 'clerk',
      method: 'POST',
      path: (ctx) => `/api/cases/${ctx.caseId}/service-consents`,
      json: { recipient: '王建国', address: '13800000000', signedOn: date },
      field: 'signedOn',
    }),
    'paper service consent signedOn',
  ),
  ...each(
    SOME,
    (_, date) => ({
      user: 'legal',
      method: 'POST',
      path: '/api/templates/acceptance-notice',
      json: { ...TEMPLATE, effectiveFrom: date },
      field: 'effectiveFrom',
    }),
    'template publish effectiveFrom',
  ),
  ...each(
    [
      ['year 0000', '0000-01-01T00:00:00Z'],
      ['February 30th', '2026-02-30T00:00:00+08:00'],
    ],
    (_, at) => ({
      user: 'admin',
      method: 'GET',
      path: `/api/audit?from=${encodeURIComponent(at)}`,
      field: 'from',
    }),
    'audit search from',
  ),
  ...each(
    [['year 0000', '0000-01-01T00:00:00Z']],
    (_, at) => ({
      user: 'admin',
      method: 'GET',
      path: `/api/audit?to=${encodeURIComponent(at)}`,
      field: 'to',
    }),
    'audit search to',
  ),
  ...each(
    [
      ['year 0000', '0000-01-01T10:30:00+08:00'],
      ['February 30th', '2026-02-30T10:30:00+08:00'],
    ],
    (_, at) => ({
      user: 'clerk',
      method: 'POST',
      path: (ctx) =>
        `/api/cases/${ctx.caseId}/attachments?kind=home_visit_photo&fileName=${encodeURIComponent('入户.jpg')}&takenAt=${encodeURIComponent(at)}&place=${encodeURIComponent('东关村3组')}`,
      raw: { contentType: 'image/jpeg', bytes: JPEG },
      field: 'takenAt',
    }),
    'attachment takenAt',
  ),
  ...each(
    [
      ['year 0000', '0000-06'],
      ['year 2101', '2101-06'],
    ],
    (_, period) => ({
      user: 'approver',
      method: 'POST',
      path: '/api/review-cohorts',
      json: { regionCode: '410799100', period },
      field: 'period',
    }),
    'review cohort period',
  ),
  ...each(
    SOME,
    (_, date) => ({
      user: 'admin',
      method: 'PUT',
      path: '/api/calendar/2027',
      json: { holidays: [date], workdays: [], source: '国务院办公厅关于2027年部分节假日安排的通知' },
      field: 'holidays',
    }),
    'calendar holidays',
  ),
];
