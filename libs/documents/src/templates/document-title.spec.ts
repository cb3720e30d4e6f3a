import { join, resolve } from 'node:path';
import { documentTitle, titleByProblem } from './document-title';
import { loadTemplates } from './load-templates';

const templates = loadTemplates(join(resolve(__dirname, '../../../..'), 'templates'));

describe('a title that says what was decided', () => {
  const jobRefusal = templates.get('job-refusal-decision')!.manifest;

  it.each([
    ['stop', '拒绝就业停发本人最低生活保障金决定书'],
    ['reduce', '拒绝就业减发本人最低生活保障金决定书'],
  ])('拒绝就业 decided as %s is titled %s', (decision, title) => {
    expect(documentTitle(jobRefusal, { form: { jobDecision: decision } })).toBe(title);
  });

  it('keeps the catalogue title when the decision is not given or not listed', () => {
    expect(documentTitle(jobRefusal, { form: {} })).toBe(jobRefusal.title);
    expect(documentTitle(jobRefusal, { form: { jobDecision: 'other' } })).toBe(jobRefusal.title);
    expect(documentTitle({ title: '某决定书' }, { form: { jobDecision: 'stop' } })).toBe('某决定书');
  });

  it.each([
    [{ field: 'form jobDecision', titles: { stop: 'x' } }, 'titleBy.field'],
    [{ field: 'form.jobDecision', titles: {} }, 'titleBy.titles'],
    [{ field: 'form.jobDecision', titles: { stop: ' ' } }, 'titleBy.titles.stop'],
  ])('refuses an unusable rule %j', (rule, named) => {
    expect(titleByProblem({ titleBy: rule })).toContain(named);
  });
});
