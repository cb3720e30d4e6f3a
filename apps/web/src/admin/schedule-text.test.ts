import { describe, expect, it } from 'vitest';
import { parseScheduleText } from './schedule-text';

describe('parseScheduleText', () => {
  it('expands a holiday range and reads a make-up workday', () => {
    const out = parseScheduleText('休 2027-02-05 至 2027-02-08\n班 2027-02-14');
    expect(out).toEqual({
      holidays: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'],
      workdays: ['2027-02-14'],
      problems: [],
    });
  });

  it('takes the other words and separators, skips blank and # lines', () => {
    const out = parseScheduleText(
      '# 春节\n\n放假：2027-01-01\n上班 2027-01-04 ~ 2027-01-05\n休 2027-10-01 -- 2027-10-02',
    );
    expect(out.holidays).toEqual(['2027-01-01', '2027-10-01', '2027-10-02']);
    expect(out.workdays).toEqual(['2027-01-04', '2027-01-05']);
    expect(out.problems).toEqual([]);
  });

  it('crosses month ends by the calendar', () => {
    expect(parseScheduleText('休 2028-02-28 至 2028-03-01').holidays).toEqual([
      '2028-02-28',
      '2028-02-29',
      '2028-03-01',
    ]);
  });

  it('names the line of what it cannot read', () => {
    const out = parseScheduleText('休 2027-02-05\n明天放假\n休 2027-02-30\n班 2027-02-10 至 2027-02-01');
    expect(out.holidays).toEqual(['2027-02-05']);
    expect(out.problems).toEqual([
      '第 2 行无法识别：“明天放假”（应如“休 2027-02-05 至 2027-02-11”或“班 2027-02-14”）',
      '第 3 行日期无效：“休 2027-02-30”',
      '第 4 行日期无效：“班 2027-02-10 至 2027-02-01”',
    ]);
  });

  it('reads the JSON form and reports broken JSON', () => {
    expect(parseScheduleText('{ "holidays": ["2027-05-01"], "workdays": [] }')).toEqual({
      holidays: ['2027-05-01'],
      workdays: [],
      problems: [],
    });
    expect(parseScheduleText('{ "holidays": [').problems).toEqual(['JSON 格式有误']);
  });

  it('stops a runaway range at 60 days', () => {
    expect(parseScheduleText('休 2027-01-01 至 2027-12-31').holidays).toHaveLength(60);
  });

  it('gives nothing for empty text', () => {
    expect(parseScheduleText('  \n ')).toEqual({ holidays: [], workdays: [], problems: [] });
  });
});
