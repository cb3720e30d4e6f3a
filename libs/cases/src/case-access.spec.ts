import { CaseAudience, mayReadCase } from './case-access';

const kase = { regionCode: '410102001001', createdBy: 'u-applicant' };
const reader = (id: string, role: string, regionCode: string) => ({ id, role, regionCode }) as never;

const owner = reader('u-applicant', 'applicant', '410102001001');
const otherApplicant = reader('u-other', 'applicant', '410102001001');
const villageClerk = reader('u-v', 'window_clerk', '410102001001');
const townshipClerk = reader('u-t', 'township_reviewer', '410102001');
const countyOfficer = reader('u-c', 'county_approver', '410102');
const otherTownship = reader('u-x', 'township_reviewer', '410102002');
const otherVillage = reader('u-y', 'window_clerk', '410102001002');
// Staff who happened to file the application on the applicant's behalf, outside their region.
const staffCreatorOutside = reader('u-applicant', 'window_clerk', '410102002001');

const table: [string, ReturnType<typeof reader>, CaseAudience, boolean][] = [
  ['the applicant, own case, portal view', owner, 'applicant', true],
  ['the applicant, own case, case record', owner, 'staff-or-applicant', true],
  ['the applicant, own case, staff records', owner, 'staff', false],
  ['another applicant, portal view', otherApplicant, 'applicant', false],
  ['another applicant, case record', otherApplicant, 'staff-or-applicant', false],
  ['another applicant, staff records', otherApplicant, 'staff', false],
  ['village staff of the case', villageClerk, 'staff', true],
  ['township staff above the village', townshipClerk, 'staff', true],
  ['county staff above the township', countyOfficer, 'staff-or-applicant', true],
  ['staff of another township', otherTownship, 'staff', false],
  ['staff of a sibling village', otherVillage, 'staff-or-applicant', false],
  [
    'staff outside the region who filed it: not by ownership',
    staffCreatorOutside,
    'staff-or-applicant',
    false,
  ],
  ['staff outside the region who filed it: staff view', staffCreatorOutside, 'staff', false],
];

describe('mayReadCase (the one case-read rule)', () => {
  it.each(table)('%s', (_label, user, audience, expected) => {
    expect(mayReadCase(user, kase, audience)).toBe(expected);
  });
});
