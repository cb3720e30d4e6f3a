import { DEFAULT_PARAMETERS } from '@app/assessment';
import { ECONOMICS, MONITORING_EVENT, RECHECK_DRAW, REVIEW_FORM, withField } from './bodies';
import { HostileCase } from './types';
import { IMPORT_ROW, XLSX, workbook } from './workbook';

/** A raw JSON body: lets the corpus send what JSON.stringify cannot (1e400 → Infinity, -0). */
const rawJson = (text: string) => ({ contentType: 'application/json', bytes: text });

/** Money is integer fen: none of these is an amount. */
const BAD_FEN: [string, unknown][] = [
  ['negative', -1],
  ['fractional fen', 0.5],
  ['string digits', '100'],
  ['string NaN', 'NaN'],
  ['string Infinity', 'Infinity'],
  ['over Number.MAX_SAFE_INTEGER', 2 ** 53 + 2],
  ['1e21', 1e21],
  ['boolean', true],
  ['null', null],
  ['array', [100]],
  ['object', { fen: 100 }],
];

/** Amounts in yuan typed into a step form (decimal strings; at most 2 decimals, never negative). */
const BAD_YUAN: [string, unknown][] = [
  ['negative', '-562'],
  ['NaN', 'NaN'],
  ['Infinity', 'Infinity'],
  ['exponent notation', '5.62e2'],
  ['three decimals', '562.123'],
  ['thousands separator', '1,562'],
  ['currency sign', '¥562'],
  ['full-width digits', '５６２'],
  ['huge', '99999999999999999999'],
  ['hexadecimal', '0x232'],
  ['fractional number', 562.5],
  ['negative number', -562],
  ['boolean', true],
  ['array', ['562']],
];

const economicsPaths = ['household.assets.depositsFen', 'household.rigidExpenditures[0].annualFen'];

const policyBody = {
  regionCode: '410799',
  effectiveFrom: '2099-01-01',
  parameters: DEFAULT_PARAMETERS,
  note: '敌意输入测试',
};

export const AMOUNT_CASES: HostileCase[] = [
  ...economicsPaths.flatMap((path) =>
    BAD_FEN.map(([name, value]): HostileCase => ({
      category: 'amounts',
      name: `economics ${path}: ${name}`,
      user: 'investigator',
      method: 'PUT',
      path: (ctx) => `/api/cases/${ctx.caseId}/economics`,
      json: withField(ECONOMICS, path, value),
      field: path,
    })),
  ),
  {
    category: 'amounts',
    name: 'economics: deposits 1e400 (parses to Infinity)',
    user: 'investigator',
    method: 'PUT',
    path: (ctx) => `/api/cases/${ctx.caseId}/economics`,
    raw: rawJson(JSON.stringify(ECONOMICS).replace('"depositsFen":0', '"depositsFen":1e400')),
    field: 'household.assets.depositsFen',
  },
  {
    category: 'amounts',
    name: 'economics: deposits -1e400 (parses to -Infinity)',
    user: 'investigator',
    method: 'PUT',
    path: (ctx) => `/api/cases/${ctx.caseId}/economics`,
    raw: rawJson(JSON.stringify(ECONOMICS).replace('"depositsFen":0', '"depositsFen":-1e400')),
    field: 'household.assets.depositsFen',
  },
  ...(
    [
      ['economics', 'investigator', 'PUT', (ctx: { caseId: string }) => `/api/cases/${ctx.caseId}/economics`],
      ['assessment', 'clerk', 'POST', () => '/api/assessments'],
    ] as const
  ).flatMap(([route, user, method, path]): HostileCase[] =>
    (
      [
        ['two incomes of 2^53 − 1 (their sum used to overflow: a 500)', Number.MAX_SAFE_INTEGER],
        ['an income just over 1亿元', 10_000_000_001],
      ] as [string, number][]
    ).map(([name, annualFen]) => ({
      category: 'amounts',
      name: `${route}: ${name}`,
      user,
      method,
      path,
      json: {
        ...(route === 'assessment' && { regionCode: '410799100201' }),
        ...withField(ECONOMICS, 'household.members[0].incomes', [
          { kind: 'wage', annualFen },
          { kind: 'business', annualFen },
        ]),
      },
      field: 'household.members[0].incomes[0].annualFen',
    })),
  ),
  {
    category: 'amounts',
    name: 'economics: homes count fractional',
    user: 'investigator',
    method: 'PUT',
    path: (ctx) => `/api/cases/${ctx.caseId}/economics`,
    json: withField(ECONOMICS, 'household.assets.homes.count', 1.5),
    field: 'household.assets.homes.count',
  },
  {
    category: 'amounts',
    name: 'economics: member income negative',
    user: 'investigator',
    method: 'PUT',
    path: (ctx) => `/api/cases/${ctx.caseId}/economics`,
    json: withField(ECONOMICS, 'household.members[0].incomes', [{ kind: 'wage', annualFen: -100 }]),
    field: 'household.members[0].incomes[0].annualFen',
  },
  ...BAD_YUAN.map(([name, value]): HostileCase => ({
    category: 'amounts',
    name: `step form proposedAmount: ${name}`,
    user: 'reviewer',
    method: 'POST',
    path: (ctx) => `/api/tasks/${ctx.moneyTaskId}/complete`,
    json: { data: { ...REVIEW_FORM, proposedAmount: value } },
    headers: { 'Idempotency-Key': `hostile-amount-${name.replace(/\W/g, '')}` },
    field: 'data.proposedAmount',
  })),
  {
    category: 'amounts',
    name: 'step form coveredPersons: 1e400 (Infinity)',
    user: 'reviewer',
    method: 'POST',
    path: (ctx) => `/api/tasks/${ctx.moneyTaskId}/complete`,
    raw: rawJson(
      JSON.stringify({ data: REVIEW_FORM }).replace('"coveredPersons":3', '"coveredPersons":1e400'),
    ),
    field: 'data.coveredPersons',
  },
  {
    category: 'amounts',
    name: 'step form expectedVersion: fractional',
    user: 'reviewer',
    method: 'POST',
    path: (ctx) => `/api/tasks/${ctx.moneyTaskId}/complete`,
    json: { data: REVIEW_FORM, expectedVersion: 1.5 },
    field: 'expectedVersion',
  },
  ...(
    [
      ['rural standard negative', 'parameters.monthlyStandardFen.rural', -65_000],
      ['rural standard fractional', 'parameters.monthlyStandardFen.rural', 650.5],
      ['urban standard as string', 'parameters.monthlyStandardFen.urban', '80000'],
      ['minimum wage NaN string', 'parameters.lastYearCityMinimumWageMonthlyFen', 'NaN'],
      ['medical cap huge', 'parameters.rigidExpenditureCaps.medical.annualCapFen', 1e300],
      ['business value limit negative', 'parameters.property.businessValueLimitFen', -1],
    ] as [string, string, unknown][]
  ).map(([name, path, value]): HostileCase => ({
    category: 'amounts',
    name: `policy parameters: ${name}`,
    user: 'admin',
    method: 'POST',
    path: '/api/policy-parameters',
    json: withField(policyBody, path, value),
    field: path,
  })),
  {
    category: 'amounts',
    name: 'policy parameters: standard 1e400 (Infinity)',
    user: 'admin',
    method: 'POST',
    path: '/api/policy-parameters',
    raw: rawJson(JSON.stringify(policyBody).replace('"rural":65000', '"rural":1e400')),
    field: 'parameters.monthlyStandardFen.rural',
  },
  ...(
    [
      ['negative', -1],
      ['fractional', 0.5],
      ['string', '3600000'],
    ] as [string, unknown][]
  ).map(([name, value]): HostileCase => ({
    category: 'amounts',
    name: `monitoring event amountFen: ${name}`,
    user: 'admin',
    method: 'POST',
    path: '/api/monitoring/events',
    json: withField(MONITORING_EVENT, 'amountFen', value),
    field: 'amountFen',
  })),
  // Past the int4 column (and the shared cap): used to reach the database as a 500.
  ...(
    [
      ['2^31', 2_147_483_648],
      ['1e20', 1e20],
      ['9007199254740993 (past 2^53)', 9_007_199_254_740_993],
    ] as [string, unknown][]
  ).map(([name, value]): HostileCase => ({
    category: 'amounts',
    name: `monitoring event amountFen as approver: ${name}`,
    user: 'approver',
    method: 'POST',
    path: '/api/monitoring/events',
    json: withField(
      { ...MONITORING_EVENT, sourceEventId: `HOSTILE-BIG-${name.slice(0, 4)}` },
      'amountFen',
      value,
    ),
    field: 'amountFen',
  })),
  // Enumerated household fields outside their values: used to be a TypeError deep in the rules (a 500).
  ...(
    [
      ['household.members[0].health', { health: 'severe_disability' }],
      ['household.members[0].relation', { relation: 'boss' }],
      ['household.members[0].employment', { employment: 'astronaut' }],
      ['household.members[0].workType', { workType: 'night_shift' }],
      ['household.members[0].disability.grade', { disability: { grade: 7, type: 'physical' } }],
      ['household.members[0].disability.type', { disability: { grade: 1, type: 'cosmic' } }],
      ['household.members[0].student.level', { student: { fullTime: true, level: 'kindergarten' } }],
      ['household.members[0].incomes[0].kind', { incomes: [{ kind: 'lottery', annualFen: 100 }] }],
      [
        'household.members[0].cohabitation.custody',
        { cohabitation: { livesTogetherLongTerm: true, custody: 'exile' } },
      ],
    ] as [string, Record<string, unknown>][]
  ).map(([field, over]): HostileCase => ({
    category: 'amounts',
    name: `assessment: ${field} not an allowed value`,
    user: 'clerk',
    method: 'POST',
    path: '/api/assessments',
    json: {
      regionCode: '410799100201',
      ...withField(ECONOMICS, 'household.members[0]', { ...ECONOMICS.household.members[0], ...over }),
    },
    field,
  })),
  ...(
    [
      [
        'household.rigidExpenditures[0].kind',
        'household.rigidExpenditures',
        [{ kind: 'travel', annualFen: 100 }],
      ],
      [
        'household.assets.vehicles[0].purpose',
        'household.assets.vehicles',
        [{ description: '面包车', purpose: 'racing' }],
      ],
      [
        'household.supporters[0].relation',
        'household.supporters',
        [
          {
            name: '王大',
            idNumber: '410799197001010011',
            relation: 'landlord',
            supports: [],
            annualIncomeFen: 0,
            flags: {},
          },
        ],
      ],
    ] as [string, string, unknown][]
  ).map(([field, path, value]): HostileCase => ({
    category: 'amounts',
    name: `assessment: ${field} not an allowed value`,
    user: 'clerk',
    method: 'POST',
    path: '/api/assessments',
    json: { regionCode: '410799100201', ...withField(ECONOMICS, path, value) },
    field,
  })),
  {
    category: 'amounts',
    name: 'assessment: household.suddenHardship.kind not an allowed value',
    user: 'clerk',
    method: 'POST',
    path: '/api/assessments',
    json: {
      regionCode: '410799100201',
      household: { ...ECONOMICS.household, suddenHardship: { kind: 'meteor', description: '陨石' } },
    },
    field: 'household.suddenHardship.kind',
  },
  ...(
    [
      ['negative', -0.1],
      ['above 1', 2],
      ['string', '0.3'],
      ['four decimals', 0.3333],
    ] as [string, unknown][]
  ).map(([name, value]): HostileCase => ({
    category: 'amounts',
    name: `recheck draw ratio: ${name}`,
    user: 'approver',
    method: 'POST',
    path: '/api/supervision/recheck-draws',
    json: withField(RECHECK_DRAW, 'ratio', value),
    field: 'ratio',
  })),
  ...(
    [
      ['negative wage', 'wage', '-1200'],
      ['wage with three decimals', 'wage', '12.345'],
      ['wage as text', 'wage', '一万二'],
      ['deposits Infinity', 'deposits', 'Infinity'],
      ['wage over 1亿元', 'wage', '100000000.01'],
    ] as [string, string, unknown][]
  ).map(([name, column, value]): HostileCase => ({
    category: 'amounts',
    name: `import workbook: ${name}`,
    user: 'clerk',
    method: 'POST',
    path: '/api/households/import',
    raw: async () => ({ contentType: XLSX, bytes: await workbook([{ ...IMPORT_ROW, [column]: value }]) }),
    field: '第2行',
  })),
];
