import type { EntityManager } from 'typeorm';
import { Clock } from '@app/common';
import type { Database } from '@app/persistence';
import { CalendarProvider } from './calendar-provider';

/** The calendar version is cached, not queried on every step, and dropped when a year is loaded. */
function fakeDatabase() {
  const sql: string[] = [];
  let rows = 0;
  const em = {
    query: async (text: string) => {
      sql.push(text);
      if (text.includes('max(id)')) return [{ v: String(rows) }];
      if (text.includes('max(version)')) return [{ v: 1 }];
      if (text.startsWith('INSERT')) {
        rows++;
        return [];
      }
      if (text.includes('WHERE year = $1'))
        return [
          {
            id: rows,
            year: 2031,
            version: 1,
            holidays: ['2031-01-01'],
            workdays: [],
            source: '国务院办公厅通知',
            loaded_by: null,
            loaded_at: new Date(),
          },
        ];
      return [];
    },
  } as unknown as EntityManager;
  const db = {
    read: <T>(work: (e: EntityManager) => Promise<T>) => work(em),
    transaction: <T>(work: (e: EntityManager) => Promise<T>) => work(em),
  } as unknown as Database;
  return { db, em, sql };
}

describe('CalendarProvider cache', () => {
  it('reads the calendar once for many steps, and again after a year is loaded here', async () => {
    const { db, em, sql } = fakeDatabase();
    const provider = new CalendarProvider(db, new Clock());
    const first = await provider.current(em);
    for (let i = 0; i < 10; i++) expect(await provider.current(em)).toBe(first);
    expect(sql.filter((s) => s.includes('holiday_calendar')).length).toBe(2);

    await provider.load(2031, { holidays: ['2031-01-01'], workdays: [], source: '国务院办公厅通知' }, null);
    sql.length = 0;
    const after = await provider.current(em);
    expect(after).not.toBe(first);
    expect(sql.some((s) => s.includes('max(id)'))).toBe(true);
  });
});
