import { INestApplication, Logger } from '@nestjs/common';
import { AuthUser } from '@app/auth';
import { CaseService, PortalService } from '@app/cases';
import { withCheckDigit } from '@app/assistance';
import { Database, UserEntity } from '@app/persistence';
import { TimerPoller } from '@app/workflow';
import { CONFIRM_PATH, driveCase } from './drive';
import { DEMO_PASSWORD, DEMO_USERS, describeUser, seedReferenceData } from './reference-data';

export { DEMO_PASSWORD };

const DEMO_FAMILIES = [
  {
    name: '王建国',
    id: '41079919810305001',
    address: '平安县城关镇东关村3组12号',
    village: '410799100201',
    spouse: ['刘秀英', '41079919830611002'],
    child: ['王小明', '41079920110902003'],
  },
  {
    name: '陈桂兰',
    id: '41079919560214002',
    address: '平安县城关镇西关社区5号楼2单元',
    village: '410799100202',
  },
  {
    name: '张德福',
    id: '41079919620808001',
    address: '平安县城关镇东关村1组3号',
    village: '410799100201',
    spouse: ['李凤兰', '41079919650101002'],
  },
  {
    name: '刘玉梅',
    id: '41079919790420002',
    address: '平安县城关镇西关社区8号楼',
    village: '410799100202',
    child: ['刘欣然', '41079920150716002'],
  },
  { name: '杨树林', id: '41079919700315001', address: '平安县城关镇东关村2组7号', village: '410799100201' },
];

/**
 * Where each demo case should stand, by a fragment of the open task's name; null = to the end,
 * '公示' = inside the 7-day public notice. The 公示 case comes last: the others let their own
 * notice period elapse on a simulated clock, which would end it too.
 */
const STOP_AT: (string | null)[] = [null, '入户', '县级', '受理', '公示'];

/** The first family applied online as the demo applicant, so the portal has a decided case to show. */
const ONLINE_APPLICANT = 'applicant';

export async function seedDemo(app: INestApplication) {
  const db = app.get(Database);
  const created = await db.transaction((em) => seedReferenceData(em));
  const users = await db.read((em) => em.getRepository(UserEntity).find());
  const authUsers: AuthUser[] = users.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as AuthUser['role'],
    regionCode: u.regionCode,
  }));
  let createdCases = 0;
  if (created) {
    const cases = app.get(CaseService);
    const clerk = authUsers.find((u) => u.username === 'clerk')!;
    const staff = authUsers.filter((u) => u.regionCode.startsWith('410799') && u.role !== 'applicant');
    for (const [i, family] of DEMO_FAMILIES.entries()) {
      const applicantId = withCheckDigit(family.id);
      const members = [{ name: family.name, idNumber: applicantId, relation: '本人' }];
      if (family.spouse)
        members.push({
          name: family.spouse[0],
          idNumber: withCheckDigit(family.spouse[1]),
          relation: '配偶',
        });
      if (family.child)
        members.push({ name: family.child[0], idNumber: withCheckDigit(family.child[1]), relation: '子女' });
      const draft = {
        program: 'dibao',
        regionCode: family.village,
        applicant: { name: family.name, idNumber: applicantId, address: family.address },
        members,
      };
      const online = i === 0 ? authUsers.find((u) => u.username === ONLINE_APPLICANT) : undefined;
      const kase = online
        ? await cases.apply(online, {
            ...draft,
            nearRelative: false,
            authorization: {
              signerName: family.name,
              accepted: true,
              textHash: (await app.get(PortalService).authorizationText(online, draft)).textHash,
            },
          })
        : await cases.apply(clerk, { ...draft, nearRelative: false });
      const stopAt = STOP_AT[i];
      const reached = (open: string[]) => stopAt !== null && open.some((n) => n.includes(stopAt));
      await driveCase(cases, staff, kase.id, CONFIRM_PATH, reached);
      if (stopAt !== '公示' && (await cases.detail(clerk, kase.id)).case.status === 'in_progress') {
        await app.get(TimerPoller).poll(new Date(Date.now() + 8 * 86_400_000));
        await driveCase(cases, staff, kase.id, CONFIRM_PATH, reached);
      }
      createdCases++;
    }
    Logger.log(`演示数据已生成：${createdCases} 个案件`, 'Seed');
  }
  return { users: DEMO_USERS.map(describeUser), createdCases };
}
