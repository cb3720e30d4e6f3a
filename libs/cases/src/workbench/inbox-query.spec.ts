import { AppError } from '@app/common';
import { parseInboxFilter } from './inbox-query';

const PROGRAMS = ['dibao', 'linshi'];

function problemsOf(query: Record<string, unknown>) {
  try {
    parseInboxFilter(query, PROGRAMS);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError & { details: { field: string; message: string }[] }).details;
  }
  throw new Error('expected a 400');
}

describe('inbox query: four-colour urgency filter and sort', () => {
  it.each([
    [{ urgency: 'red' }, { urgency: 'red' }],
    [
      { urgency: 'green', sort: 'urgency', order: 'desc' },
      { urgency: 'green', sort: 'urgency', order: 'desc' },
    ],
    [{ sort: 'urgency' }, { sort: 'urgency' }],
    [{ urgency: '' }, {}],
    [
      { program: 'linshi', urgency: ' yellow ' },
      { program: 'linshi', urgency: 'yellow' },
    ],
  ])('%p → %p', (query, expected) => {
    expect(parseInboxFilter(query, PROGRAMS)).toEqual(expected);
  });

  it.each([
    [{ urgency: 'orange' }, 'urgency'],
    [{ urgency: 'RED' }, 'urgency'],
    [{ urgency: ['red', 'blue'] }, 'urgency'],
    [{ sort: 'colour' }, 'sort'],
  ])('refuses %p naming the field %s', (query, field) => {
    const details = problemsOf(query);
    expect(details.map((d) => d.field)).toEqual([field]);
  });

  it('says which colours exist', () => {
    expect(problemsOf({ urgency: 'orange' })[0].message).toBe(
      '紧急程度只能是 red（红色）、yellow（黄色）、blue（蓝色）、green（绿色）',
    );
  });
});
