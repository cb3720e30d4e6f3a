import { INestApplication, Logger } from '@nestjs/common';
import { AuthUser, toAuthUser } from '@app/auth';
import { CaseService, ProcedureService } from '@app/cases';
import { PortalService } from '@app/portal';
import { MonitoringService } from '@app/supervision';
import { withCheckDigit } from '@app/assistance';
import { Database } from '@app/persistence';
import { CalendarProvider, TimerPoller, WorkingCalendar, plusDays } from '@app/workflow';
import { NotificationDispatcher } from '@app/notifications';
import { Clock, shanghaiDate } from '@app/common';
import { Answers, CONFIRM_PATH, driveCase, servedToday } from './drive';
import { signAtWindow } from './window-signatures';
import { DEMO_PASSWORD, DEMO_USERS, describeUser, seedReferenceData } from './reference-data';
import { referenceDataRepository } from './reference-data.repository';

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

/** A 7-day 公示 and the working day its timer may be extended to by a weekend or holiday. */
const PUBLIC_NOTICE_ELAPSE_MS = 10 * 86_400_000;

/**
 * Working days an office takes before each step of a demo case (issue 17 L2), by a fragment of the
 * task's name, first match: 受理 the next working day, the 核对中心 answers the 核对提请函 in 1–3
 * working days, 入户 and then 邻里 after it, 初审 after the investigation, the county's visit and
 * decision after the 公示, and 送达 within its 3 working days. Any other step: the next working day.
 */
const STEP_PACE: [string, number][] = [
  ['受理', 1],
  ['信息核对', 2],
  ['县级入户', 1],
  ['入户', 1],
  ['邻里访问', 1],
  ['初审', 2],
  ['公示结果', 1],
  ['审核确认', 2],
  ['送达', 1],
];

/** Working days from the application to 乡镇初审 (which issues the 公示) by STEP_PACE. */
const DAYS_TO_PUBLIC_NOTICE = 1 + 2 + 1 + 1 + 2;

/** Calendar days a case paced by STEP_PACE may take besides its 公示 (weekends and a holiday week). */
const CASE_PACE_BUDGET_MS = 30 * 86_400_000;

/**
 * The latest working day a case may apply on so that, paced by STEP_PACE, its 初审 (and the 公示 it
 * issues) falls on or before `today`: counted from the working day it applies on, since a start on a
 * weekend applies on the Monday after.
 */
export function latestApplicationDay(calendar: WorkingCalendar, today: string): string {
  let start = today;
  while (calendar.addWorkingDays(calendar.workdayOnOrAfter(start), DAYS_TO_PUBLIC_NOTICE).date > today)
    start = plusDays(start, -1);
  return calendar.workdayOnOrAfter(start);
}

/** Moves the clock to a later date, keeping its time of day. */
function moveClockTo(clock: Clock, date: string): void {
  const days = (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${clock.today()}T00:00:00Z`)) / 86_400_000;
  if (days > 0) clock.advance(days * 86_400_000);
}

/** Answers for each step of a case, the clock first moved on to the day an office would do it. */
function pacedAnswers(clock: Clock, calendar: WorkingCalendar, answers: (today: string) => Answers) {
  return async (taskName: string) => {
    const days = STEP_PACE.find(([fragment]) => taskName.includes(fragment))?.[1] ?? 1;
    moveClockTo(clock, calendar.addWorkingDays(clock.today(), days).date);
    return answers(clock.today());
  };
}

/** The first family applied online as the demo applicant, so the portal has a decided case to show. */
const ONLINE_APPLICANT = 'applicant';

/**
 * Every case that goes past its 公示 lets the notice period pass on the application clock, so what
 * is issued after it is dated after it (issue 17 L2). On a fresh installation the clock first goes
 * back as far as those periods will take it forward, before the bundled models are deployed, so
 * they are in effect on the first seeded date and the seeded history ends today.
 */
export async function rewindDemoClock(app: INestApplication): Promise<void> {
  const fresh = (await app.get(Database).read((em) => referenceDataRepository.users(em))).length === 0;
  if (!fresh) return;
  const noticeElapses = STOP_AT.filter((s) => s !== '公示').length;
  // Generous: the seed waits before its last case so that its 公示 runs today (seedDemo).
  app.get(Clock).advance(-(STOP_AT.length * CASE_PACE_BUDGET_MS + noticeElapses * PUBLIC_NOTICE_ELAPSE_MS));
}

export async function seedDemo(app: INestApplication) {
  const db = app.get(Database);
  const created = await db.transaction((em) => seedReferenceData(em));
  const users = await db.read((em) => referenceDataRepository.users(em));
  const authUsers: AuthUser[] = users.map(toAuthUser);
  let createdCases = 0;
  if (created) {
    const cases = app.get(CaseService);
    const clerk = authUsers.find((u) => u.username === 'clerk')!;
    const staff = authUsers.filter((u) => u.regionCode.startsWith('410799') && u.role !== 'applicant');
    // The clock went back before the models were deployed (rewindDemoClock); each 公示 moves it on.
    const clock = app.get(Clock);
    const notifications = app.get(NotificationDispatcher);
    const calendar = await app.get(CalendarProvider).read();
    for (const [i, family] of DEMO_FAMILIES.entries()) {
      if (STOP_AT[i] === '公示') {
        moveClockTo(clock, latestApplicationDay(calendar, shanghaiDate(new Date())));
      }
      // Applications are made at the window on a working day.
      moveClockTo(clock, calendar.workdayOnOrAfter(clock.today()));
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
      await signAtWindow(app, clerk, kase.id);
      const stopAt = STOP_AT[i];
      const reached = (open: string[]) => stopAt !== null && open.some((n) => n.includes(stopAt));
      // The decision states this household's own size: never more persons than it has.
      const answers = (today: string) => ({
        ...servedToday(CONFIRM_PATH, today),
        coveredPersons: members.length,
        facts: `申请人家庭共${members.length}人，经信息核对和入户调查，家庭月人均收入低于当地农村低保标准650元，财产状况符合规定。`,
      });
      await driveCase(cases, staff, kase.id, pacedAnswers(clock, calendar, answers), reached);
      // Messages go out on the day of their step, before the clock moves on: a 公示 message dated
      // after the 公示 it announces would be unlawful demo data.
      await notifications.poll(clock.now());
      if (stopAt !== '公示') {
        clock.advance(PUBLIC_NOTICE_ELAPSE_MS);
        if ((await cases.detail(clerk, kase.id)).case.status === 'in_progress') {
          await app.get(TimerPoller).poll(clock.now());
          await driveCase(cases, staff, kase.id, pacedAnswers(clock, calendar, answers), reached);
          await notifications.poll(clock.now());
        }
      }
      createdCases++;
    }
    // The seeded history ends now: the clock went back further than the paced steps needed.
    const behind = Date.now() - clock.now().getTime();
    if (behind > 0) clock.advance(behind);
    createdCases += await seedOtherPrograms(app, authUsers);
    Logger.log(`演示数据已生成：${createdCases} 个案件`, 'Seed');
  }
  return { users: DEMO_USERS.map(describeUser), createdCases };
}

/**
 * One case of every other program and kind, so each screen has something to show: a 特困 and a
 * 低收入 application waiting for acceptance, a red 急难型 临时救助, a warning raised by a hospital
 * event, and a change-report review on the confirmed 低保 case.
 */
async function seedOtherPrograms(app: INestApplication, users: AuthUser[]): Promise<number> {
  const cases = app.get(CaseService);
  const user = (name: string) => users.find((u) => u.username === name)!;
  const clerk = user('clerk');
  const person = (name: string, id: string, relation = '本人') => ({
    name,
    idNumber: withCheckDigit(id),
    relation,
  });
  const applications = [
    {
      program: 'tekun',
      regionCode: '410799100202',
      applicant: {
        name: '赵福贵',
        idNumber: withCheckDigit('41079919440312001'),
        address: '平安县城关镇西关社区2号楼',
      },
      members: [person('赵福贵', '41079919440312001')],
    },
    {
      program: 'dibian',
      regionCode: '410799100201',
      applicant: {
        name: '周春燕',
        idNumber: withCheckDigit('41079919880905004'),
        address: '平安县城关镇东关村4组9号',
      },
      members: [person('周春燕', '41079919880905004'), person('周乐', '41079920160301005', '子女')],
    },
    {
      program: 'linshi',
      regionCode: '410799100201',
      applicant: {
        name: '孙志强',
        idNumber: withCheckDigit('41079919850622003'),
        address: '平安县城关镇东关村5组2号',
      },
      members: [person('孙志强', '41079919850622003')],
      variables: {
        category: 'emergency',
        urgency: 'red',
        hardship: '家中突发火灾，房屋及生活用品损毁，无处居住。',
        requestedAmount: '3000',
      },
    },
  ];
  for (const draft of applications) await cases.apply(clerk, { ...draft, nearRelative: false });

  await app.get(MonitoringService).receive(user('approver'), {
    source: '县医疗保障局',
    sourceEventId: 'YB-DEMO-0001',
    type: 'hospitalization',
    occurredOn: app.get(Clock).today(),
    person: {
      name: '吴大山',
      idNumber: withCheckDigit('41079919650710003'),
      address: '平安县城关镇东关村2组11号',
    },
    regionCode: '410799100201',
    details: '因脑梗住院治疗，个人自付医疗费用较高。',
    amountFen: 3_500_000,
  });

  const confirmed = (await cases.list(clerk)).find((c) => c.program === 'dibao' && c.outcome === 'confirmed');
  if (confirmed) {
    await app.get(ProcedureService).start(user('reviewer'), confirmed.id, 'dibao-review', {
      trigger: 'change-report',
      reportedChange: '申请人报告：配偶已在县城务工，月收入约2600元。',
    });
  }
  return applications.length + 1 + (confirmed ? 1 : 0);
}
