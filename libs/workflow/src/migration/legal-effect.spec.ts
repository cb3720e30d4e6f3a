import * as fs from 'node:fs';
import * as path from 'node:path';
import { BpmnElement, parseBpmn } from '@app/process-models';
import { effectProblems, requiredStepsBefore, skippedStepProblems } from './legal-effect';
import { indexModel } from './plan-migration';

const DIBAO = fs.readFileSync(
  path.resolve(__dirname, '../../../../processes/dibao-application.bpmn'),
  'utf8',
);
const dibao = async () => indexModel((await parseBpmn(DIBAO)).rootElement as BpmnElement);

describe('the legally required steps before an element of the 低保 model', () => {
  it.each([
    ['Task_AcceptanceReview', []],
    ['Task_HomeVisit', ['acceptance', 'information-check']],
    ['Task_TownshipReview', ['acceptance', 'investigation', 'information-check']],
    // Every first-instance opinion, favourable or not, is publicised before the county decides.
    [
      'Task_CountyConfirmation',
      ['acceptance', 'investigation', 'information-check', 'first-instance', 'public-notice'],
    ],
    [
      'Task_RecordPublicNoticeResult',
      ['acceptance', 'investigation', 'information-check', 'first-instance', 'public-notice'],
    ],
  ])('%s', async (elementId, kinds) => {
    expect(requiredStepsBefore(await dibao(), elementId).sort()).toEqual([...kinds].sort());
  });

  it('moving a case waiting at 受理审查 to 公示结果登记 is refused, naming each step not done', async () => {
    const model = await dibao();
    const problems = skippedStepProblems({
      rename: { Task_AcceptanceReview: 'Task_RecordPublicNoticeResult' },
      source: model,
      target: model,
      finished: new Set(['Task_IssueAuthorization']),
    });
    const text = problems.map((p) => p.message).join('\n');
    expect(problems.every((p) => p.field === 'mapping.Task_AcceptanceReview')).toBe(true);
    expect(text).toContain('尚未办理法定环节公示（“公示期 7 天”）');
    expect(text).toContain('法定环节入户调查');
  });

  it('a case that has done them may move to the step after', async () => {
    const model = await dibao();
    const done = ['Task_AcceptanceReview', 'Task_InformationCheck', 'Task_HomeVisit'];
    expect(
      skippedStepProblems({
        rename: { Task_NeighbourVisit: 'Task_TownshipReview' },
        source: model,
        target: model,
        finished: new Set(done),
      }),
    ).toEqual([]);
  });
});

describe('the target version must be in effect for the case', () => {
  const base = { caseDate: '2026-11-02', today: '2026-12-01', toVersion: 3 };
  it.each([
    ['in effect on the case date', { effectiveFrom: '2026-10-01' }, null],
    ['the same day', { effectiveFrom: '2026-11-02' }, null],
    ['later than the case, no legal basis', { effectiveFrom: '2026-11-20' }, 'legalBasis'],
    [
      'later than the case, with a legal basis',
      { effectiveFrom: '2026-11-20', legalBasis: '过渡条款' },
      null,
    ],
    ['not yet in effect at all', { effectiveFrom: '2099-01-01', legalBasis: '过渡条款' }, 'toVersion'],
  ])('%s', (_name, input, field) => {
    const problems = effectProblems({ ...base, ...input });
    expect(problems.map((p) => p.field)).toEqual(field ? [field] : []);
  });
});
