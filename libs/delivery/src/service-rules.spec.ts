import { WorkingCalendar } from '@app/workflow';
import { checkService, remedyDeadlines, ServiceFacts } from './service-rules';

const base: ServiceFacts = {
  method: 'direct',
  servedOn: '2026-11-20',
  documentIssuedOn: '2026-11-18',
  today: '2026-11-23',
  witnesses: [],
  evidence: null,
  hasElectronicConsent: false,
};

describe('送达 rules', () => {
  it.each([
    // [label, facts, deemed served on]
    ['direct: the signing date', {}, '2026-11-20'],
    [
      'left with a witness and photos',
      { method: 'left', witnesses: ['村委会 张某'], evidence: '照片 IMG_01' },
      '2026-11-20',
    ],
    ['post with a tracking number', { method: 'post', evidence: 'EMS 1234567890' }, '2026-11-20'],
    ['electronic with a consent on file', { method: 'electronic', hasElectronicConsent: true }, '2026-11-20'],
    ['entrusted', { method: 'entrusted' }, '2026-11-20'],
    ['public notice: 30 days after publication', { method: 'public' }, '2026-12-20'],
    ['public notice across a month end', { method: 'public', servedOn: '2026-11-23' }, '2026-12-23'],
    ['served the day it was issued', { servedOn: '2026-11-18' }, '2026-11-18'],
  ])('%s', (_label, patch, deemed) => {
    expect(checkService({ ...base, ...patch } as ServiceFacts)).toEqual({
      deemedServedOn: deemed,
      problems: [],
    });
  });

  it.each([
    ['left without a witness', { method: 'left', evidence: '照片' }, 'data.witnesses'],
    ['left with blank witnesses', { method: 'left', witnesses: [' '], evidence: '照片' }, 'data.witnesses'],
    ['left without evidence', { method: 'left', witnesses: ['张某'] }, 'data.evidence'],
    ['post without a tracking number', { method: 'post', evidence: '  ' }, 'data.evidence'],
    ['electronic without consent', { method: 'electronic' }, 'data.serviceMethod'],
    ['an unknown method', { method: 'fax' }, 'data.serviceMethod'],
    ['served before the document was issued', { servedOn: '2026-11-17' }, 'data.serviceDate'],
    ['served in the future', { servedOn: '2026-11-24' }, 'data.serviceDate'],
    ['no date', { servedOn: undefined }, 'data.serviceDate'],
    ['an impossible date', { servedOn: '2026-02-30' }, 'data.serviceDate'],
  ])('refuses %s', (_label, patch, field) => {
    const result = checkService({ ...base, ...patch } as ServiceFacts);
    expect(result.deemedServedOn).toBeNull();
    expect(result.problems.map((p) => p.field)).toContain(field);
    expect(result.problems.every((p) => /[\u4e00-\u9fa5]/.test(p.message))).toBe(true);
  });
});

describe('remedy deadlines from the deemed service date', () => {
  const pkg = WorkingCalendar.PACKAGE;
  it.each([
    // [deemed served, 行政复议 until, 行政诉讼 until] — holidays per the 2025/2026 State Council notices
    ['2026-03-03', '2026-05-06', '2026-09-03'], // +60 = May 2 (劳动节 May 1–5) → May 6
    ['2026-04-01', '2026-06-01', '2026-10-08'], // +60 = May 31 (Sunday) → Jun 1; +6 months = Oct 1 (国庆) → Oct 8
    ['2025-08-31', '2025-10-30', '2026-02-28'], // +6 months = Feb 28 2026, a 调休 Saturday workday: stays
    ['2025-12-16', '2026-02-14', '2026-06-16'], // +60 = Feb 14 2026, a 调休 Saturday workday: stays
  ])('served %s: 复议 until %s, 诉讼 until %s', (deemed, reconsideration, litigation) => {
    expect(remedyDeadlines(deemed, pkg)).toEqual({
      reconsiderationUntil: reconsideration,
      litigationUntil: litigation,
      certain: true,
    });
  });

  it('is flagged uncertain past the known calendar and follows a loaded year', () => {
    const unknown = new WorkingCalendar([], 2026);
    expect(remedyDeadlines('2026-11-23', unknown)).toEqual({
      reconsiderationUntil: '2027-01-22', // Friday
      litigationUntil: '2027-05-24', // May 23 is a Sunday
      certain: false,
    });
    const loaded = new WorkingCalendar(
      [{ year: 2027, holidays: ['2027-01-22', '2027-05-24'], workdays: [] }],
      2026,
    );
    expect(remedyDeadlines('2026-11-23', loaded)).toEqual({
      reconsiderationUntil: '2027-01-25',
      litigationUntil: '2027-05-25',
      certain: true,
    });
  });
});
