import { shanghaiDate } from '@app/common';
import { formatCnDate } from '@app/documents';
import { WorkingCalendar, plusDays } from '@app/workflow';
import { TestApp } from './support/test-app';
import { CONFIRM_PATH, USER_FOR_ROLE, apply, drive, openTasks } from './support/case-driver';
import { answersFor, servedToday } from '../apps/api/src/demo/drive';

/**
 * The 公示 runs through the last day it prints ("自…起至…止"): neither its result nor any decision
 * may be recorded on that day, whatever the model's timer says, so the public's seven days to
 * object are whole.
 */
let t: TestApp;
beforeAll(async () => {
  // Reads its documents' rows and no PDF: a PDF renders when read (TestAppOptions).
  t = await TestApp.start({ documents: 'on-read' });
});
afterAll(async () => {
  await t?.stop();
});

async function completeOpen(caseId: string, name: RegExp, data: Record<string, unknown> = {}) {
  const task = (await openTasks(t, caseId)).find((x: { name: string }) => name.test(x.name));
  if (!task) throw new Error(`no open task ${name}`);
  const user = await t.as(USER_FOR_ROLE[task.candidateGroups[0]]);
  const base = answersFor(task.form, servedToday(CONFIRM_PATH, t.clock.today()));
  return user.post(`/api/tasks/${task.id}/complete`, { data: { ...base, ...data } });
}

describe('a 低保 公示 printed "自…起至…止"', () => {
  it('refuses (409) the 公示 result and the county decision until the day after the printed end date', async () => {
    const caseId = await apply(t);
    await drive(t, caseId, CONFIRM_PATH, /公示结果登记|县级/);
    const [notice] = await t.query<{ end_date: string; issued: string }>(
      `SELECT data->'publicNotice'->>'endDate' AS end_date, data->'publicNotice'->>'startDate' AS issued
       FROM document WHERE case_id = $1 AND template_id = 'public-notice'`,
      [caseId],
    );
    expect(notice.end_date).toBe(plusDays(t.clock.today(), 7));

    // Seven days on, the application clock stands on the printed last day of the 公示.
    await t.advanceDays(7);
    expect(t.clock.today()).toBe(notice.end_date);
    // Whether or not a model's timer has opened the 公示 result already, it cannot be recorded today.
    const tasks = await t.query<{ id: string }>(
      `SELECT k.id FROM task k JOIN assistance_case c ON c.process_instance_id = k.instance_id
       WHERE c.id = $1 AND k.name = '公示结果登记' AND k.status = 'open'`,
      [caseId],
    );
    const early = await (
      await t.as('reviewer')
    ).post(`/api/tasks/${tasks[0]?.id ?? '00000000-0000-4000-8000-000000000000'}/complete`, {
      data: { objection: false },
    });
    if (tasks.length) {
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('PUBLIC_NOTICE_RUNNING');
      expect(early.body.message).toContain(`公示期至${formatCnDate(notice.end_date)}止`);
      expect(early.body.message).toContain(`${formatCnDate(plusDays(notice.end_date, 1))}起方可办理`);
    } else {
      expect(early.status).toBe(404);
    }

    await t.advanceDays(1);
    await drive(t, caseId, CONFIRM_PATH, /县级审核确认/);
    const decided = await completeOpen(caseId, /县级审核确认/);
    expect(decided.status).toBe(200);
    const [confirmation] = await t.query<{ issued_at: Date }>(
      `SELECT issued_at FROM document WHERE case_id = $1 AND template_id = 'confirmation-notice'`,
      [caseId],
    );
    expect(shanghaiDate(confirmation.issued_at) > notice.end_date).toBe(true);
  });

  it('arms the model’s 公示 timer for the day after the printed end date, when that end is a day off', async () => {
    // The working calendar decides the day: the printed last day falls on a weekend or holiday,
    // so nothing but the printed date itself puts the timer on the morning after it.
    const calendar = WorkingCalendar.PACKAGE;
    let wait = 0;
    while (calendar.isWorkday(plusDays(t.clock.today(), wait + 7))) wait++;
    await t.advanceDays(wait);
    const caseId = await apply(t);
    await drive(t, caseId, CONFIRM_PATH, /公示结果登记|县级/);
    const [notice] = await t.query<{ end_date: string }>(
      `SELECT data->'publicNotice'->>'endDate' AS end_date FROM document
       WHERE case_id = $1 AND template_id = 'public-notice'`,
      [caseId],
    );
    expect(calendar.isWorkday(notice.end_date)).toBe(false);
    const [timer] = await t.query<{ due_at: Date }>(
      `SELECT m.due_at FROM timer m JOIN assistance_case c ON c.process_instance_id = m.instance_id
       WHERE c.id = $1 AND m.element_id = 'Timer_PublicNoticePeriod' AND m.status = 'pending'`,
      [caseId],
    );
    expect(shanghaiDate(timer.due_at)).toBe(plusDays(notice.end_date, 1));
    // Not a moment of the last day: from 00:00 China time of the day after.
    expect(timer.due_at.getTime()).toBeGreaterThanOrEqual(
      new Date(`${plusDays(notice.end_date, 1)}T00:00:00+08:00`).getTime(),
    );
    const resultOpen = () =>
      t.query(
        `SELECT 1 FROM task k JOIN assistance_case c ON c.process_instance_id = k.instance_id
         WHERE c.id = $1 AND k.name = '公示结果登记' AND k.status = 'open'`,
        [caseId],
      );
    // On the printed last day the model still waits, as the server's guard does.
    await t.advanceDays(7);
    expect(t.clock.today()).toBe(notice.end_date);
    expect(await resultOpen()).toHaveLength(0);
    await t.advanceDays(1);
    expect(await resultOpen()).toHaveLength(1);
    const recorded = await completeOpen(caseId, /公示结果登记/, { objection: false });
    expect(recorded.status).toBe(200);
  });
});
