import { withCheckDigit } from '@app/assistance';
import { EventType, MonitoringEventInput, monitoringEventProblems, riskLevel } from './monitoring-rules';

describe('riskLevel', () => {
  it.each<[EventType, number | undefined, boolean, string]>([
    ['breadwinner_death', undefined, false, 'high'],
    ['breadwinner_death', undefined, true, 'medium'],
    ['hospitalization', 2_000_000, false, 'high'],
    ['hospitalization', 1_999_999, false, 'medium'],
    ['hospitalization', 500_000, false, 'medium'],
    ['hospitalization', 499_999, false, 'low'],
    ['hospitalization', undefined, false, 'low'],
    ['hospitalization', 3_000_000, true, 'medium'],
    ['disability_certificate', undefined, false, 'medium'],
    ['unemployment', undefined, false, 'medium'],
    ['unemployment', undefined, true, 'low'],
    ['hotline_report', undefined, false, 'low'],
    ['hotline_report', undefined, true, 'low'],
  ])('%s (cost %s fen, assisted %s) → %s', (type, amountFen, alreadyAssisted, level) => {
    expect(riskLevel({ type, amountFen }, { alreadyAssisted })).toBe(level);
  });

  it('takes the region’s thresholds', () => {
    const parameters = { highHospitalCostFen: 1_000_000, mediumHospitalCostFen: 100_000 };
    expect(
      riskLevel({ type: 'hospitalization', amountFen: 1_000_000 }, { alreadyAssisted: false }, parameters),
    ).toBe('high');
    expect(
      riskLevel({ type: 'hospitalization', amountFen: 99_999 }, { alreadyAssisted: false }, parameters),
    ).toBe('low');
  });
});

describe('monitoringEventProblems', () => {
  const valid: MonitoringEventInput = {
    source: '县医疗保障局',
    sourceEventId: 'YB-2026-1',
    type: 'hospitalization',
    occurredOn: '2026-11-20',
    person: { name: '张秀兰', idNumber: withCheckDigit('41079919850312452') },
    regionCode: '410799100201',
    details: '住院',
    amountFen: 3_600_000,
  };

  it('accepts a complete event', () => {
    expect(monitoringEventProblems(valid, '2026-11-23')).toEqual([]);
  });

  it.each<[string, Partial<MonitoringEventInput>, { field: string; message: string }]>([
    [
      'an unknown type',
      { type: 'fire', amountFen: undefined },
      { field: 'type', message: expect.stringContaining('hospitalization（住院（高额医疗费用））') },
    ],
    [
      'a date that does not exist',
      { occurredOn: '2026-02-30' },
      { field: 'occurredOn', message: '发生日期应为有效日期（YYYY-MM-DD）' },
    ],
    ['a future date', { occurredOn: '2026-11-24' }, { field: 'occurredOn', message: '发生日期不能晚于今天' }],
    [
      'a wrong check digit',
      { person: { name: '张秀兰', idNumber: '410799198503124520' } },
      { field: 'person.idNumber', message: '身份证号码无效：校验码错误（GB 11643），请核对号码' },
    ],
    [
      'a township instead of a village',
      { regionCode: '410799100' },
      { field: 'regionCode', message: '应为12位村（社区）行政区划代码' },
    ],
    [
      'a cost on another type',
      { type: 'unemployment' },
      { field: 'amountFen', message: '只有住院事件可以填写医疗费用' },
    ],
  ])('names %s', (_label, change, problem) => {
    expect(monitoringEventProblems({ ...valid, ...change }, '2026-11-23')).toEqual([problem]);
  });
});
