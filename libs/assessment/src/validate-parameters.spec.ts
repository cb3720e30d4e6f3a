import { DEFAULT_PARAMETERS, instrumentCitation, type PolicyParameters } from './parameters';
import { validateParameters } from './validate-parameters';

const withChange = (change: (p: PolicyParameters) => void): PolicyParameters => {
  const p = JSON.parse(JSON.stringify(DEFAULT_PARAMETERS)) as PolicyParameters;
  change(p);
  return p;
};

describe('validateParameters', () => {
  it('accepts the defaults', () => {
    expect(validateParameters(DEFAULT_PARAMETERS)).toEqual([]);
  });

  it('matches DOMAIN.md: the worked-example figures and the default coefficient table', () => {
    expect(DEFAULT_PARAMETERS.monthlyStandardFen.rural).toBe(65_000);
    expect(DEFAULT_PARAMETERS.lastYearCityMinimumWageMonthlyFen).toBe(198_000);
    expect(DEFAULT_PARAMETERS.lastYearRuralPerCapitaDisposableIncomeFen).toBe(2_000_000);
    expect(DEFAULT_PARAMETERS.labour.coefficients).toEqual({
      healthy: [10_000, 9_000, 8_000, 5_000, 0],
      minor_illness: [8_000, 7_000, 6_000, 4_000, 0],
      chronic_illness: [6_000, 5_000, 4_000, 3_000, 0],
      disability_mild: [5_000, 4_000, 3_000, 2_000, 0],
      serious_illness: [0, 0, 0, 0, 0],
      disability_severe: [0, 0, 0, 0, 0],
    });
    expect(DEFAULT_PARAMETERS.exclusionClauses).toHaveLength(14);
    expect(DEFAULT_PARAMETERS.hardshipIndex.items).toHaveLength(35);
    const perCategory = DEFAULT_PARAMETERS.hardshipIndex.items.reduce<Record<string, number>>(
      (acc, i) => ({ ...acc, [i.category]: (acc[i.category] ?? 0) + 1 }),
      {},
    );
    expect(perCategory).toEqual({ status: 15, income: 10, property: 10 });
  });

  it.each<[string, (p: PolicyParameters) => void, string, string]>([
    [
      'region code',
      (p) => {
        p.regionCode = '15042';
      },
      'regionCode',
      '行政区划代码应为6、9或12位数字',
    ],
    [
      // 审核确认办法第十九条: a province may lengthen the 7-day 公示, never shorten it.
      'a 公示 shorter than the statutory 7 days',
      (p) => {
        p.publicNotice = { days: 5 };
      },
      'publicNotice.days',
      '应为7至30之间的整数',
    ],
    [
      'effective date',
      (p) => {
        p.effectiveFrom = '2025-02-30';
      },
      'effectiveFrom',
      '生效日期应为有效的 YYYY-MM-DD 日期',
    ],
    [
      'fractional standard',
      (p) => {
        p.monthlyStandardFen.rural = 650.5;
      },
      'monthlyStandardFen.rural',
      '应为大于零的整数（单位：分）',
    ],
    [
      'support ratios reversed',
      (p) => {
        p.support.lowerRatioBp = 1_500;
      },
      'support.upperRatioBp',
      '赡养费上限比例不能低于下限比例',
    ],
    [
      'serious illness with capacity',
      (p) => {
        p.labour.coefficients.serious_illness[0] = 1_000;
      },
      'labour.coefficients.serious_illness',
      '重病、重度残疾的劳动力系数应全部为0',
    ],
    [
      'wage made exempt',
      (p) => {
        p.exemptIncomeKinds.push('wage');
      },
      'exemptIncomeKinds',
      '法定计入的收入类别不能设为不计入：wage',
    ],
    [
      'low-income factor ≤ 1',
      (p) => {
        p.lowIncomeFactorBp = 10_000;
      },
      'lowIncomeFactorBp',
      '应为10001至100000之间的整数（万分比，10000 = 100%）',
    ],
    [
      'unknown clause',
      (p) => {
        (p.exclusionClauses[0] as { id: string }).id = 'no_such';
      },
      'exclusionClauses[0].id',
      '未知的否决条款：no_such',
    ],
    [
      'clause without basis',
      (p) => {
        p.exclusionClauses[1].basis = ' ';
      },
      'exclusionClauses[1].basis',
      '条款依据不能为空（拒绝时须引用）',
    ],
    [
      'unknown hardship item',
      (p) => {
        p.hardshipIndex.items[0].id = 'status.unknown';
      },
      'hardshipIndex.items[0].id',
      '未知的困难指数指标：status.unknown',
    ],
    [
      'circles out of order',
      (p) => {
        p.informationCircles.circle4UpperMultipleBp = 15_000;
      },
      'informationCircles.circle4UpperMultipleBp',
      '第四级信息圈上限应高于第三级上限',
    ],
    [
      'rounding',
      (p) => {
        (p as { rounding: string }).rounding = 'banker';
      },
      'rounding',
      '取整规则应为 yuan-half-up、yuan-up、yuan-down 或 fen',
    ],
  ])('reports %s', (_what, change, field, message) => {
    expect(validateParameters(withChange(change))).toEqual([{ field, message }]);
  });
});

describe('the province’s 低收入人口认定办法 (lowIncomeInstrument, issue 17 L7)', () => {
  const problemsOf = (lowIncomeInstrument: unknown) =>
    validateParameters(
      withChange((p) => {
        p.lowIncomeInstrument = lowIncomeInstrument as PolicyParameters['lowIncomeInstrument'];
      }),
    ).map((x) => x.field);

  it.each([
    [
      { title: '河南省低收入人口认定办法', documentNumber: '豫民规〔2024〕3号', articles: '第五条、第六条' },
      [],
    ],
    [{ title: '《某省低收入人口认定办法（试行）》', articles: '第五条第二款' }, []],
    [{ title: '某省低收入人口认定办法', documentNumber: null, articles: '第五条至第八条' }, []],
    [null, []],
    [{ title: '', articles: '第五条' }, ['lowIncomeInstrument.title']],
    [{ title: '【待设置：本省低收入人口认定办法】', articles: '第五条' }, ['lowIncomeInstrument.title']],
    [{ title: '某省低收入人口认定办法', articles: '有关规定' }, ['lowIncomeInstrument.articles']],
    [{ title: '某省低收入人口认定办法', articles: '' }, ['lowIncomeInstrument.articles']],
    [
      { title: '某省低收入人口认定办法', documentNumber: '2024年3号', articles: '第五条' },
      ['lowIncomeInstrument.documentNumber'],
    ],
  ])('%j → %j', (instrument, fields) => {
    expect(problemsOf(instrument)).toEqual(fields);
  });

  it('is cited with 书名号, 文号 and articles', () => {
    expect(
      instrumentCitation({
        title: '某省低收入人口认定办法',
        documentNumber: '某民规〔2024〕3号',
        articles: '第五条',
      }),
    ).toBe('《某省低收入人口认定办法》（某民规〔2024〕3号）第五条');
    expect(instrumentCitation({ title: '《某省低收入人口认定办法》', articles: '第五条、第六条' })).toBe(
      '《某省低收入人口认定办法》第五条、第六条',
    );
  });
});
