import { describe, expect, it } from 'vitest';
import { filterFromQuery, filterToQuery } from './inbox-url';

describe('inbox filters in the URL', () => {
  it('round-trips the filters in use and leaves the rest out', () => {
    const filter = {
      scope: 'mine' as const,
      program: 'dibao',
      township: '410799100',
      urgency: 'red',
      dueBefore: '2026-12-31',
      text: ' 王 ',
    };
    const query = filterToQuery(filter);
    expect(query).toEqual({
      scope: 'mine',
      program: 'dibao',
      township: '410799100',
      urgency: 'red',
      dueBefore: '2026-12-31',
      text: '王',
    });
    expect(filterFromQuery(query)).toEqual({ ...filter, text: '王' });
    expect(filterToQuery(filterFromQuery({}))).toEqual({});
  });

  it.each<[Record<string, string | string[]>, Partial<Record<string, string>>]>([
    [{ urgency: 'purple' }, {}],
    [{ township: '41079A' }, {}],
    [{ dueBefore: '31.12.2026' }, {}],
    [{ program: ['tekun', 'dibao'] }, { program: 'tekun' }],
    [{ scope: 'everyone' }, {}],
    [{ scope: 'group' }, {}],
    [{ scope: 'mine' }, { scope: 'mine' }],
  ])('drops what is not a filter value: %j', (query, kept) => {
    expect(filterToQuery(filterFromQuery(query))).toEqual(kept);
  });
});
