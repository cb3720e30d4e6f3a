import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { hashPassword, Role, ROLES } from '@app/auth';
import { DEFAULT_PARAMETERS } from '@app/assessment';
import { AgencyEntity, OrganEntity, RegionEntity } from '@app/persistence';
import { referenceDataRepository as repo } from './reference-data.repository';

export const DEMO_PASSWORD = 'demo1234';

export const DEMO_REGIONS: RegionEntity[] = [
  { code: '410799', name: '平安县', level: 'county', parentCode: null },
  { code: '410799100', name: '城关镇', level: 'township', parentCode: '410799' },
  {
    code: '410799100201',
    name: '东关村',
    committeeName: '东关村村民委员会',
    level: 'village',
    parentCode: '410799100',
  },
  {
    code: '410799100202',
    name: '西关社区',
    committeeName: '西关社区居民委员会',
    level: 'village',
    parentCode: '410799100',
  },
  { code: '410799101', name: '河西镇', level: 'township', parentCode: '410799' },
  {
    code: '410799101201',
    name: '河西村',
    committeeName: '河西村村民委员会',
    level: 'village',
    parentCode: '410799101',
  },
  {
    code: '410799101202',
    name: '柳树村',
    committeeName: '柳树村村民委员会',
    level: 'village',
    parentCode: '410799101',
  },
];

export const DEMO_AGENCIES: AgencyEntity[] = [
  {
    regionCode: '410799',
    name: '平安县民政局',
    abbr: '平',
    level: 'county',
    reviewGovernment: '平安县人民政府',
    court: '平安县人民法院',
    address: '平安县人民路88号',
  },
  {
    regionCode: '410799100',
    name: '平安县城关镇人民政府',
    abbr: '平城',
    level: 'township',
    reviewGovernment: '平安县人民政府',
    court: '平安县人民法院',
    address: '平安县城关镇政府街1号',
  },
  {
    regionCode: '410799101',
    name: '平安县河西镇人民政府',
    abbr: '平河',
    level: 'township',
    reviewGovernment: '平安县人民政府',
    court: '平安县人民法院',
    address: '平安县河西镇中心街6号',
  },
];

export const DEMO_USERS: {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  extraRoles?: Role[];
}[] = [
  { username: 'clerk', displayName: '李窗口', role: 'window_clerk', regionCode: '410799100' },
  { username: 'investigator', displayName: '赵调查', role: 'investigator', regionCode: '410799100' },
  { username: 'reviewer', displayName: '钱审核', role: 'township_reviewer', regionCode: '410799100' },
  { username: 'approver', displayName: '孙审批', role: 'county_approver', regionCode: '410799' },
  // 分管负责人 of the township and of the county: they release or reassign a task one of their
  // staff holds (a reviewer's or approver's too, which the holder's peers may not).
  { username: 'supervisor', displayName: '何分管', role: 'supervisor', regionCode: '410799100' },
  { username: 'county_supervisor', displayName: '吕分管', role: 'supervisor', regionCode: '410799' },
  { username: 'legal', displayName: '周法制', role: 'legal_officer', regionCode: '410799' },
  { username: 'admin', displayName: '吴管理', role: 'admin', regionCode: '410799' },
  // Relaxing the duty rules takes a second administrator's approval (four eyes).
  { username: 'admin2', displayName: '郭管理', role: 'admin', regionCode: '410799' },
  { username: 'hexi_clerk', displayName: '郑窗口', role: 'window_clerk', regionCode: '410799101' },
  { username: 'applicant', displayName: '王建国', role: 'applicant', regionCode: '410799100201' },
  { username: 'village', displayName: '冯协理', role: 'village_assistant', regionCode: '410799100201' },
  // 河西镇's second pair of hands for a 入户调查 (two people): its village assistant.
  { username: 'hexi_village', displayName: '卫协理', role: 'village_assistant', regionCode: '410799101201' },
  { username: 'auditor', displayName: '陈审计', role: 'auditor', regionCode: '410799' },
  // A small township's one caseworker holds two duties; the duty rules keep them apart on any one case.
  {
    username: 'hexi_staff',
    displayName: '褚兼办',
    role: 'investigator',
    regionCode: '410799101',
    extraRoles: ['township_reviewer'],
  },
];

/**
 * The organs acting for the demo regions, in force long before any demo date: what every
 * document prints about its issuer and about the township (full name, never the place name).
 */
export const DEMO_ORGANS: OrganEntity[] = DEMO_AGENCIES.map((a) => ({
  ...a,
  effectiveFrom: '2000-01-01',
  sealText: a.name,
  phone:
    { '410799': '0391-6210001', '410799100': '0391-6231002', '410799101': '0391-6245003' }[a.regionCode] ??
    null,
}));

/**
 * The province's 低收入人口认定办法 as the demo cites it. 平安省 is as fictional as 平安县: no real
 * instrument is cited for a region that does not exist (templates/README.md says so).
 */
export const DEMO_LOW_INCOME_INSTRUMENT = {
  title: '平安省低收入人口认定办法',
  documentNumber: '平民规〔2025〕3号',
  articles: '第五条、第六条',
};

/** Regions, issuing agencies and one user per role; idempotent. */
/** `passwordHash`: the demo accounts' stored hash of DEMO_PASSWORD, when the caller made it (the tests). */
export async function seedReferenceData(
  em: EntityManager,
  { passwordHash }: { passwordHash?: string } = {},
): Promise<boolean> {
  if (await repo.hasUsers(em)) return false;
  await repo.insertRegions(em, DEMO_REGIONS);
  await repo.insertAgencies(em, DEMO_AGENCIES);
  await repo.insertOrgans(em, DEMO_ORGANS);
  // The county's defaults (rural standard); the urban 社区 is assessed against the urban standard.
  const areas: [string, 'urban' | 'rural'][] = [
    ['410799', 'rural'],
    ['410799100202', 'urban'],
  ];
  for (const [regionCode, areaType] of areas) {
    const id = randomUUID();
    const effectiveFrom = '2026-01-01';
    await repo.insertPolicyParameters(em, {
      id,
      regionCode,
      effectiveFrom,
      version: 1,
      parameters: {
        ...DEFAULT_PARAMETERS,
        areaType,
        regionCode,
        effectiveFrom,
        versionId: id,
        standardInstrument: '平安县人民政府关于公布2026年城乡最低生活保障标准的通知',
        lowIncomeInstrument: DEMO_LOW_INCOME_INSTRUMENT,
      },
      note: '演示数据：国家默认参数',
      createdBy: null,
      createdAt: new Date(),
    });
  }
  const hashed = passwordHash ?? (await hashPassword(DEMO_PASSWORD));
  for (const u of DEMO_USERS) {
    await repo.insertUser(em, { id: randomUUID(), ...u, passwordHash: hashed });
  }
  return true;
}

export function describeUser(u: (typeof DEMO_USERS)[number]) {
  return {
    username: u.username,
    roleName: [u.role, ...(u.extraRoles ?? [])].map((r) => ROLES[r]).join('、'),
    regionName: DEMO_REGIONS.find((r) => r.code === u.regionCode)!.name,
  };
}
