import { AccessResource, AccessUser, PERMISSIONS, PERMISSION_IDS, Permission, accessProblem } from './access';
import { ROLE_IDS, Role } from './roles';

const user = (role: Role, regionCode: string, extra: Role[] = [], id = 'u1'): AccessUser => ({
  id,
  role,
  duties: [role, ...extra],
  regionCode,
});

const COUNTY = '410799';
const TOWNSHIP = '410799100';
const OTHER_TOWNSHIP = '410799101';
const VILLAGE = '410799100201';
const inTownship: AccessResource = { regionCode: '410799100201' };
const inOtherTownship: AccessResource = { regionCode: '410799101201' };
const inOtherCounty: AccessResource = { regionCode: '410800100201' };
const ownCase: AccessResource = { regionCode: VILLAGE, ownerId: 'applicant-1' };
const othersCase: AccessResource = { regionCode: VILLAGE, ownerId: 'applicant-2' };

/** role × region level × ownership × permission → granted, or the refusal's code. */
describe('requireAccess', () => {
  it.each<[string, AccessUser, Permission, AccessResource | undefined, string | null]>([
    [
      'township clerk reads a case of the township',
      user('window_clerk', TOWNSHIP),
      'case.read',
      inTownship,
      null,
    ],
    [
      'township clerk may not read another township',
      user('window_clerk', TOWNSHIP),
      'case.read',
      inOtherTownship,
      'FORBIDDEN',
    ],
    [
      'county approver reads every township',
      user('county_approver', COUNTY),
      'case.read',
      inOtherTownship,
      null,
    ],
    [
      'county approver not another county',
      user('county_approver', COUNTY),
      'case.read',
      inOtherCounty,
      'FORBIDDEN',
    ],
    [
      'village assistant only their village',
      user('village_assistant', VILLAGE),
      'case.read',
      { regionCode: '410799100202' },
      'FORBIDDEN',
    ],
    [
      'applicant reads their own case',
      user('applicant', VILLAGE, [], 'applicant-1'),
      'case.read',
      ownCase,
      null,
    ],
    [
      'applicant not another applicant’s case in the same village',
      user('applicant', VILLAGE, [], 'applicant-1'),
      'case.read',
      othersCase,
      'FORBIDDEN',
    ],
    [
      'applicant not by region',
      user('applicant', VILLAGE, [], 'applicant-1'),
      'case.read',
      inTownship,
      'FORBIDDEN',
    ],
    [
      'applicant never reads attachments, even their own case',
      user('applicant', VILLAGE, [], 'applicant-1'),
      'attachment.read',
      ownCase,
      'FORBIDDEN',
    ],
    ['portal is for the owner only', user('window_clerk', TOWNSHIP), 'portal.own', inTownship, 'FORBIDDEN'],
    ['investigator records economics', user('investigator', TOWNSHIP), 'case.economics', inTownship, null],
    [
      'approver does not record economics',
      user('county_approver', COUNTY),
      'case.economics',
      inTownship,
      'FORBIDDEN',
    ],
    [
      'an extra duty counts',
      user('investigator', OTHER_TOWNSHIP, ['township_reviewer']),
      'review_cohort.manage',
      inOtherTownship,
      null,
    ],
    ['auditor reads the record of the county', user('auditor', COUNTY), 'audit.read', inOtherTownship, null],
    [
      'township auditor not the next township',
      user('auditor', TOWNSHIP),
      'audit.read',
      inOtherTownship,
      'FORBIDDEN',
    ],
    [
      'clerk does not read the audit record',
      user('window_clerk', TOWNSHIP),
      'audit.read',
      inTownship,
      'FORBIDDEN',
    ],
    [
      'county legal officer publishes a template',
      user('legal_officer', COUNTY),
      'template.publish',
      { regionCode: COUNTY },
      null,
    ],
    [
      'township legal officer may not publish a template',
      user('legal_officer', TOWNSHIP),
      'template.publish',
      { regionCode: TOWNSHIP },
      'LEVEL_REQUIRED',
    ],
    [
      'township legal officer may not deploy a model',
      user('legal_officer', TOWNSHIP),
      'model.deploy',
      undefined,
      'LEVEL_REQUIRED',
    ],
    [
      'county legal officer may not publish for another county',
      user('legal_officer', COUNTY),
      'template.publish',
      { regionCode: '410800' },
      'FORBIDDEN',
    ],
    [
      'admin does not publish templates',
      user('admin', COUNTY),
      'template.publish',
      { regionCode: COUNTY },
      'FORBIDDEN',
    ],
    [
      'county admin publishes duty rules for a township',
      user('admin', COUNTY),
      'duty_rules.publish',
      { regionCode: TOWNSHIP },
      null,
    ],
    [
      'township admin may not publish duty rules',
      user('admin', TOWNSHIP),
      'duty_rules.publish',
      { regionCode: TOWNSHIP },
      'LEVEL_REQUIRED',
    ],
    [
      'township admin may not publish policy parameters',
      user('admin', TOWNSHIP),
      'policy.publish',
      { regionCode: TOWNSHIP },
      'LEVEL_REQUIRED',
    ],
    [
      'township admin manages accounts of the township',
      user('admin', TOWNSHIP),
      'account.manage',
      { regionCode: VILLAGE },
      null,
    ],
    [
      'township admin not the county’s accounts',
      user('admin', TOWNSHIP),
      'account.manage',
      { regionCode: COUNTY },
      'FORBIDDEN',
    ],
    [
      'only the approver extends a time limit',
      user('township_reviewer', TOWNSHIP),
      'case.time_limit',
      inTownship,
      'FORBIDDEN',
    ],
    [
      'applicant applies for themselves',
      user('applicant', VILLAGE, [], 'applicant-1'),
      'case.apply',
      undefined,
      null,
    ],
    [
      'legal officer retries an incident of a case in the county',
      user('legal_officer', COUNTY),
      'incident.operate',
      inTownship,
      null,
    ],
    [
      'a clerk does not operate incidents (the case page tells them)',
      user('window_clerk', TOWNSHIP),
      'incident.read',
      inTownship,
      'FORBIDDEN',
    ],
    [
      'township admin does not reach another township’s incidents',
      user('admin', TOWNSHIP),
      'incident.operate',
      inOtherTownship,
      'FORBIDDEN',
    ],
    [
      "any staff may reach a step; the step's own roles decide",
      user('auditor', COUNTY),
      'task.complete',
      inTownship,
      null,
    ],
  ])('%s', (_name, who, permission, resource, expected) => {
    expect(accessProblem(who, permission, resource)?.code ?? null).toBe(expected);
  });

  it('every permission admits only its roles, whatever the region', () => {
    for (const permission of PERMISSION_IDS) {
      const allowed: readonly Role[] = PERMISSIONS[permission].roles;
      for (const role of ROLE_IDS) {
        const problem = accessProblem(user(role, COUNTY), permission);
        expect({ permission, role, refused: problem?.code === 'FORBIDDEN' }).toEqual({
          permission,
          role,
          refused: !allowed.includes(role),
        });
      }
    }
  });

  it('refusals are in Chinese and name what was asked', () => {
    const problem = accessProblem(user('window_clerk', TOWNSHIP), 'template.publish');
    expect(problem?.message).toBe('当前角色“窗口受理员”无权发布文书模板');
  });
});
