import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkingCalendar } from '@app/workflow';
import { NEUTRAL_STEP_NAME, publicNames, roadMap } from './road-map';

const DIBAO = fs.readFileSync(path.join(__dirname, '../../../processes/dibao-application.bpmn'), 'utf8');
const calendar = WorkingCalendar.PACKAGE;

describe('roadMap (the dibao model)', () => {
  it.each([
    [
      'Task_AcceptanceReview',
      ['家庭经济状况核对', '入户调查', '乡镇审核', '村（居）公示', '县民政局审核确认', '送达结果'],
    ],
    ['Task_HomeVisit', ['乡镇审核', '村（居）公示', '县民政局审核确认', '送达结果']],
    ['Timer_PublicNoticePeriod', ['县民政局审核确认', '送达结果']],
  ])('from %s lists the public steps ahead in the model’s order', async (at, titles) => {
    // What the case has done is behind it, even where a recheck could loop back to it.
    const done = ['Task_AcceptanceReview', 'Task_InformationCheck', 'Task_HomeVisit', 'Task_TownshipReview'];
    const before = done.slice(0, done.indexOf(at) === -1 ? done.length : done.indexOf(at));
    const steps = await roadMap(DIBAO, { waitingAt: [at], done: before, from: '2026-12-07' }, calendar);
    expect(steps.map((s) => s.title)).toEqual(titles);
  });

  it('never names an internal step, and dates the 公示 period after the steps before it', async () => {
    const steps = await roadMap(DIBAO, { waitingAt: ['Task_HomeVisit'], from: '2026-12-07' }, calendar);
    expect(JSON.stringify(steps)).not.toContain('确认测算不符合条件');
    const review = steps.find((s) => s.title === '乡镇审核')!;
    // 乡镇初审 takes 5 working days from 2026-12-07 (a Monday): 2026-12-14.
    expect(review.expectedBy).toBe('2026-12-14');
    const notice = steps.find((s) => s.publicNotice)!;
    // Posted on 12-14 (the day 初审 is due), it runs 12-15 to 12-21 as the notice prints it.
    expect(notice.publicNotice).toEqual({ startDate: '2026-12-15', endDate: '2026-12-21' });
    expect(notice.expectedBy).toBe('2026-12-21');
  });

  it('reads the public names of the model’s elements, and has a neutral name for the others', () => {
    const names = publicNames(DIBAO);
    expect(names.get('Task_TownshipReview')).toBe('乡镇审核');
    expect(names.has('Task_ConfirmIneligible')).toBe(false);
    expect(NEUTRAL_STEP_NAME).not.toMatch(/测算|不符合/);
  });
});
