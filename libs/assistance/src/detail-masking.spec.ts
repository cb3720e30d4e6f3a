import { WITHHELD, detailCategory, maskDocumentData, maskPersonalDetail } from './detail-masking';

describe('which fields are personal details', () => {
  it.each<[string, string | null]>([
    ['health', 'health'],
    ['disability', 'health'],
    ['selfCare', 'health'],
    ['seriousIllness', 'health'],
    ['toileting', 'health'],
    ['rigidExpenditures', 'health'],
    ['healthNote', 'health'],
    ['疾病情况', 'health'],
    ['健康状况', 'health'],
    ['残疾等级', 'health'],
    ['incomes', 'income'],
    ['annualIncomeFen', 'income'],
    ['householdMonthlyIncome', 'income'],
    ['月收入', 'income'],
    ['assets', 'assets'],
    ['depositsFen', 'assets'],
    ['存款', 'assets'],
    ['vehicles', 'assets'],
    ['findings', 'narrative'],
    ['countyFindings', 'narrative'],
    ['facts', 'narrative'],
    // What an auditor needs to follow the record stays.
    ['name', null],
    ['relation', null],
    ['amount', null],
    ['decision', null],
    ['reasons', null],
    ['username', null],
    ['regionCode', null],
    ['version', null],
    ['visitDate', null],
  ])('%s → %s', (key, category) => {
    expect(detailCategory(key)).toBe(category);
  });
});

describe('maskPersonalDetail (audit details for readers who do not work the case)', () => {
  const before = {
    members: [
      {
        name: '王建国',
        idNumber: '410799195001011234',
        relation: 'applicant',
        health: 'serious_illness',
        disability: { grade: 1, type: 'physical' },
        incomes: [{ kind: 'wage', annualFen: 1200000 }],
      },
    ],
    supporters: [
      { name: '王小明', annualIncomeFen: 3000000, flags: { seriousIllness: true, inPrison: false } },
    ],
    assets: { depositsFen: 5000000, securitiesFen: 0, vehicles: [] },
    rigidExpenditures: [{ kind: 'medical', annualFen: 3600000, note: '尿毒症透析' }],
    applicantAddress: '平安县城关镇东关村3组12号',
    applicantPhone: '13800001234',
  };

  it('withholds health, income and assets, keeps names and masks IDs, address and phone', () => {
    const masked = maskPersonalDetail({ before, after: { ...before }, name: '入户调查' });
    const text = JSON.stringify(masked);
    for (const hidden of [
      '尿毒症透析',
      'serious_illness',
      '1200000',
      '3000000',
      '5000000',
      'physical',
      '410799195001011234',
      '3组12号',
      '13800001234',
    ])
      expect({ hidden, shown: text.includes(hidden) }).toEqual({ hidden, shown: false });
    expect(masked.name).toBe('入户调查');
    expect(masked.before.members[0]).toMatchObject({
      name: '王建国',
      idNumber: '410799********1234',
      relation: 'applicant',
      health: WITHHELD,
      incomes: WITHHELD,
    });
    expect(masked.before.supporters[0].flags).toEqual({ seriousIllness: WITHHELD, inPrison: false });
    expect(masked.before.applicantAddress).toBe('平安县城关镇东关村****');
    expect(masked.before.applicantPhone).toBe('138****1234');
  });

  it('withholds step findings and leaves the decision', () => {
    const detail = {
      name: '入户调查',
      data: { findings: '申请人患尿毒症，每周透析三次', decision: 'pass', visitDate: '2026-11-20' },
    };
    expect(maskPersonalDetail(detail)).toEqual({
      name: '入户调查',
      data: { findings: WITHHELD, decision: 'pass', visitDate: '2026-11-20' },
    });
  });

  it('passes values without personal details through unchanged', () => {
    expect(maskPersonalDetail(null)).toBeNull();
    expect(maskPersonalDetail({ method: 'GET', path: '/api/cases' })).toEqual({
      method: 'GET',
      path: '/api/cases',
    });
  });
});

describe('maskPersonalDetail withholds free text by default (whitelist, not blacklist)', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    [
      'case.start: what the applicant reported',
      {
        caseNo: 'DB-2026-0001',
        processKey: 'dibao',
        processVersion: 3,
        reportedChange: '申请人报告：配偶已在县城务工，月收入约2600元。',
      },
      { caseNo: 'DB-2026-0001', processKey: 'dibao', processVersion: 3, reportedChange: WITHHELD },
    ],
    [
      'task.complete: an objection at the public notice',
      {
        taskId: 't1',
        name: '民主评议',
        data: { objection: true, objectionDetails: '村民反映其子在外务工收入较高。' },
      },
      { taskId: 't1', name: '民主评议', data: { objection: true, objectionDetails: WITHHELD } },
    ],
    [
      'monitoring: what befell the household, from whom, at what cost',
      {
        eventId: 'e1',
        type: 'hospitalization',
        source: '县医疗保障局',
        sourceEventId: 'YB-1',
        riskLevel: 'high',
        amountFen: 4_800_000,
      },
      {
        eventId: 'e1',
        type: WITHHELD,
        source: WITHHELD,
        sourceEventId: 'YB-1',
        riskLevel: 'high',
        amountFen: WITHHELD,
      },
    ],
    [
      'a field nobody has listed yet',
      { newRemark: '申请人需透析治疗', notes: ['患病', '住院'], remarkCount: 2 },
      { newRemark: WITHHELD, notes: [WITHHELD, WITHHELD], remarkCount: 2 },
    ],
    [
      'money figures withheld, decided benefit and counts kept',
      { monthlyIncomeYuan: 2600, savingsFen: 1, benefitFen: 52_000, files: 7, size: 1024 },
      { monthlyIncomeYuan: WITHHELD, savingsFen: WITHHELD, benefitFen: 52_000, files: 7, size: 1024 },
    ],
    [
      'bookkeeping stays: ids, statuses, dates, versions, region codes, document numbers, the 查阅事由',
      {
        documentId: 'd1',
        templateId: 'tpl',
        number: '城民低〔2026〕1号',
        status: 'completed',
        effectiveFrom: '2026-12-01',
        servedOn: '2026-12-02',
        newDue: '2026-12-30',
        version: 4,
        regionCode: '410799100',
        readingReason: '行政复议案件调阅原件核查',
        at: '2026-12-06T10:00:00Z',
      },
      {
        documentId: 'd1',
        templateId: 'tpl',
        number: '城民低〔2026〕1号',
        status: 'completed',
        effectiveFrom: '2026-12-01',
        servedOn: '2026-12-02',
        newDue: '2026-12-30',
        version: 4,
        regionCode: '410799100',
        readingReason: '行政复议案件调阅原件核查',
        at: '2026-12-06T10:00:00Z',
      },
    ],
    [
      'a caseworker’s reason (a time-limit extension, a void) is their narrative: withheld',
      { reason: '申请人住院透析，材料无法按期补齐', previousDue: '2026-12-10' },
      { reason: WITHHELD, previousDue: '2026-12-10' },
    ],
  ])('%s', (_label, detail, masked) => {
    expect(maskPersonalDetail(detail)).toEqual(masked);
  });
});

describe('maskDocumentData (the 脱敏副本 of a document)', () => {
  it('keeps the schema shape: text withheld, figures and tables dropped, agency address kept', () => {
    const data = {
      issuer: { name: '城关镇人民政府', address: '平安县城关镇府前街1号' },
      applicant: {
        name: '张秀兰',
        idNumber: '330102198503124526',
        address: '平安县城关镇东关村三组18号',
        phone: '13805712345',
      },
      form: { findings: '慢性肾病，透析', eating: false, householdMonthlyIncome: 800, opinion: '符合条件' },
      assessment: { perCapita: '300.00', lines: [] },
    };
    expect(maskDocumentData(data)).toEqual({
      issuer: { name: '城关镇人民政府', address: '平安县城关镇府前街1号' },
      applicant: {
        name: '张秀兰',
        idNumber: '330102********4526',
        address: '平安县城关镇东关村****',
        phone: '138****2345',
      },
      form: { findings: WITHHELD, opinion: '符合条件' },
    });
  });

  it('L7/F6: keeps the legal instruments a document cites (a key like lowIncome is not an income)', () => {
    const instruments = { lowIncome: '《平安省低收入人口认定办法》（平民规〔2025〕3号）第五条、第六条' };
    const masked = maskDocumentData({
      issuer: { name: '城关镇人民政府' },
      applicant: { name: '张秀兰' },
      instruments,
      form: { householdMonthlyIncome: '800' },
    });
    expect(masked.instruments).toEqual(instruments);
    expect(masked.form).toEqual({ householdMonthlyIncome: WITHHELD });
  });
});
