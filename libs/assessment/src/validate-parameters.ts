/** Checks a parameter set before it is saved or used; messages are for the administrator (zh-CN). */
import { isCalendarDate } from '@app/common';
import { regionLevel } from '@app/assistance';
import { HEALTH_CATEGORIES } from './labour-capacity';
import { EXCLUSION_CLAUSE_IDS } from './exclusion-clauses';
import { HARDSHIP_PREDICATES } from './hardship-index';
import type { HealthCategory, IncomeKind, RigidExpenditureKind } from './household';
import { BP_ONE, MAX_AMOUNT_FEN } from './money';
import type { PolicyParameters } from './parameters';
import { materialsProblems } from './materials';

export interface ValidationProblem {
  field: string;
  message: string;
}

const ROUNDING = ['yuan-half-up', 'yuan-up', 'yuan-down', 'fen'];
const COUNTED_KINDS: IncomeKind[] = ['wage', 'business', 'property', 'transfer', 'other'];
const ALL_KINDS: IncomeKind[] = [
  ...COUNTED_KINDS,
  'special_care_allowance',
  'family_planning_reward',
  'scholarship',
  'heroic_deed_award',
  'social_assistance',
  'basic_pension_base',
];
const RIGID: RigidExpenditureKind[] = ['medical', 'tuition', 'pension_insurance'];
/** DOMAIN.md §3: serious illness and severe disability mean no labour capacity at any age. */
const ALWAYS_ZERO: HealthCategory[] = ['serious_illness', 'disability_severe'];

export function validateParameters(p: PolicyParameters): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const bad = (field: string, message: string) => problems.push({ field, message });
  const fenField = (field: string, v: unknown, positive = true) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || (positive && v === 0)) {
      bad(field, positive ? '应为大于零的整数（单位：分）' : '应为不小于零的整数（单位：分）');
    } else if (v > MAX_AMOUNT_FEN) bad(field, `不能超过${MAX_AMOUNT_FEN / 100 / 1e8}亿元`);
  };
  const bpField = (field: string, v: unknown, lo = 0, hi = BP_ONE) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < lo || v > hi) {
      bad(field, `应为${lo}至${hi}之间的整数（万分比，10000 = 100%）`);
    }
  };
  const intField = (field: string, v: unknown, lo: number, hi: number) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi)
      bad(field, `应为${lo}至${hi}之间的整数`);
  };

  if (!regionLevel(p.regionCode)) bad('regionCode', '行政区划代码应为6、9或12位数字');
  if (!isCalendarDate(p.effectiveFrom)) bad('effectiveFrom', '生效日期应为有效的 YYYY-MM-DD 日期');
  if (!p.versionId?.trim()) bad('versionId', '版本号不能为空');
  if (p.standardInstrument !== undefined && p.standardInstrument !== null) {
    const title = typeof p.standardInstrument === 'string' ? p.standardInstrument.trim() : '';
    if (!title || title.length > 200) bad('standardInstrument', '确定保障标准的文件名称应为1至200个字');
  }
  if (p.lowIncomeInstrument !== undefined && p.lowIncomeInstrument !== null)
    problems.push(
      ...instrumentProblems('lowIncomeInstrument', '本省低收入人口认定办法', p.lowIncomeInstrument),
    );
  if (p.areaType !== 'urban' && p.areaType !== 'rural')
    bad('areaType', '城乡类别应为 urban（城市）或 rural（农村）');
  fenField('monthlyStandardFen.urban', p.monthlyStandardFen?.urban);
  fenField('monthlyStandardFen.rural', p.monthlyStandardFen?.rural);
  fenField('lastYearCityMinimumWageMonthlyFen', p.lastYearCityMinimumWageMonthlyFen);
  fenField('lastYearRuralPerCapitaDisposableIncomeFen', p.lastYearRuralPerCapitaDisposableIncomeFen);
  fenField('lastYearPerCapitaDisposableIncomeFen', p.lastYearPerCapitaDisposableIncomeFen);
  intField('imputation.workingMonths', p.imputation?.workingMonths, 0, 12);
  bpField('imputation.farmRatioBp', p.imputation?.farmRatioBp);
  if (!['odd_jobs', 'none'].includes(p.imputation?.whenWorkTypeUnknown)) {
    bad('imputation.whenWorkTypeUnknown', '应为 odd_jobs（按务工推算）或 none（不推算）');
  }
  if (
    p.imputation?.withVerifiedLabourIncome !== undefined &&
    !['verified_only', 'higher_of'].includes(p.imputation.withVerifiedLabourIncome)
  ) {
    bad(
      'imputation.withVerifiedLabourIncome',
      '应为 verified_only（有核实劳动收入时不推算）或 higher_of（取核实与推算较高者）',
    );
  }
  intField('labour.minAge', p.labour?.minAge, 0, 18);
  for (const h of HEALTH_CATEGORIES) {
    const row = p.labour?.coefficients?.[h];
    if (!Array.isArray(row) || row.length !== 5) {
      bad(`labour.coefficients.${h}`, '应有5个年龄段的系数（16–40、41–50、51–60、61–70、70以上）');
      continue;
    }
    row.forEach((v, i) => bpField(`labour.coefficients.${h}[${i}]`, v));
    if (ALWAYS_ZERO.includes(h) && row.some((v) => v !== 0))
      bad(`labour.coefficients.${h}`, '重病、重度残疾的劳动力系数应全部为0');
    if (row[4] !== 0) bad(`labour.coefficients.${h}[4]`, '70岁以上的劳动力系数应为0');
  }
  bpField('support.lowerRatioBp', p.support?.lowerRatioBp);
  bpField('support.upperRatioBp', p.support?.upperRatioBp);
  if (p.support && p.support.lowerRatioBp > p.support.upperRatioBp)
    bad('support.upperRatioBp', '赡养费上限比例不能低于下限比例');
  for (const k of RIGID) {
    const cap = p.rigidExpenditureCaps?.[k];
    if (!cap) {
      bad(`rigidExpenditureCaps.${k}`, '缺少该类刚性支出的扣减上限');
      continue;
    }
    fenField(`rigidExpenditureCaps.${k}.annualCapFen`, cap.annualCapFen, false);
    if (cap.per !== 'household' && cap.per !== 'person')
      bad(`rigidExpenditureCaps.${k}.per`, '应为 household（每户）或 person（每人）');
  }
  for (const k of p.exemptIncomeKinds ?? []) {
    if (!ALL_KINDS.includes(k)) bad('exemptIncomeKinds', `未知的收入类别：${k}`);
    else if (COUNTED_KINDS.includes(k)) bad('exemptIncomeKinds', `法定计入的收入类别不能设为不计入：${k}`);
  }
  bpField('lowIncomeFactorBp', p.lowIncomeFactorBp, BP_ONE + 1, 10 * BP_ONE);
  intField('property.financialAssetMonths', p.property?.financialAssetMonths, 1, 120);
  intField('property.maxHomes', p.property?.maxHomes, 0, 10);
  fenField('property.businessValueLimitFen', p.property?.businessValueLimitFen, false);
  for (const v of p.property?.allowedVehiclePurposes ?? []) {
    if (!['disability_aid', 'work', 'private'].includes(v))
      bad('property.allowedVehiclePurposes', `未知的车辆用途：${v}`);
  }
  const seen = new Set<string>();
  (p.exclusionClauses ?? []).forEach((c, i) => {
    if (!EXCLUSION_CLAUSE_IDS.includes(c.id)) bad(`exclusionClauses[${i}].id`, `未知的否决条款：${c.id}`);
    if (seen.has(c.id)) bad(`exclusionClauses[${i}].id`, `否决条款重复：${c.id}`);
    seen.add(c.id);
    if (!c.title?.trim()) bad(`exclusionClauses[${i}].title`, '条款名称不能为空');
    if (!c.basis?.trim()) bad(`exclusionClauses[${i}].basis`, '条款依据不能为空（拒绝时须引用）');
  });
  const ci = p.classifiedIncrements;
  bpField('classifiedIncrements.elderly.ratioBp', ci?.elderly?.ratioBp);
  bpField('classifiedIncrements.severelyDisabled.ratioBp', ci?.severelyDisabled?.ratioBp);
  bpField('classifiedIncrements.seriouslyIll.ratioBp', ci?.seriouslyIll?.ratioBp);
  bpField('classifiedIncrements.minor.ratioBp', ci?.minor?.ratioBp);
  intField('classifiedIncrements.elderly.minAge', ci?.elderly?.minAge, 50, 100);
  intField('classifiedIncrements.minor.maxAgeExclusive', ci?.minor?.maxAgeExclusive, 1, 18);
  if (ci && ci.stacking !== 'highest' && ci.stacking !== 'sum')
    bad('classifiedIncrements.stacking', '应为 highest（取最高）或 sum（累加）');
  if (!['own_income_gap', 'full_standard'].includes(p.singlePersonCoverage?.basis)) {
    bad('singlePersonCoverage.basis', '应为 own_income_gap（标准减本人收入）或 full_standard（按标准全额）');
  }
  if (typeof p.singlePersonCoverage?.floorForMinimumLivingHouseholds !== 'boolean') {
    bad('singlePersonCoverage.floorForMinimumLivingHouseholds', '应为是或否');
  }
  const ep = p.extremePoverty;
  intField('extremePoverty.elderlyMinAge', ep?.elderlyMinAge, 50, 100);
  intField('extremePoverty.childMaxAgeExclusive', ep?.childMaxAgeExclusive, 0, 18);
  intField('extremePoverty.supporterOnMinimumLivingMinAge', ep?.supporterOnMinimumLivingMinAge, 0, 100);
  intField('extremePoverty.supporterElderlyMinAge', ep?.supporterElderlyMinAge, 0, 100);
  for (const [t, g] of Object.entries(ep?.disabilityMaxGrade ?? {}))
    intField(`extremePoverty.disabilityMaxGrade.${t}`, g, 0, 4);
  const itemIds = new Set<string>();
  (p.hardshipIndex?.items ?? []).forEach((item, i) => {
    const pred = HARDSHIP_PREDICATES[item.id];
    if (!pred) bad(`hardshipIndex.items[${i}].id`, `未知的困难指数指标：${item.id}`);
    else if (pred.category !== item.category)
      bad(`hardshipIndex.items[${i}].category`, `指标 ${item.id} 的类别应为 ${pred.category}`);
    if (itemIds.has(item.id)) bad(`hardshipIndex.items[${i}].id`, `困难指数指标重复：${item.id}`);
    itemIds.add(item.id);
    intField(`hardshipIndex.items[${i}].points`, item.points, 0, 100);
  });
  const circles = p.informationCircles;
  bpField(
    'informationCircles.circle3UpperMultipleBp',
    circles?.circle3UpperMultipleBp,
    BP_ONE + 1,
    10 * BP_ONE,
  );
  if (circles && circles.circle4UpperMultipleBp <= circles.circle3UpperMultipleBp) {
    bad('informationCircles.circle4UpperMultipleBp', '第四级信息圈上限应高于第三级上限');
  }
  fenField('referral.highMedicalExpenditureFen', p.referral?.highMedicalExpenditureFen, false);
  if (p.temporaryAssistance !== undefined) {
    fenField(
      'temporaryAssistance.townshipApprovalLimitFen',
      p.temporaryAssistance?.townshipApprovalLimitFen,
      false,
    );
    if (p.temporaryAssistance?.emergencyGrantLimitFen !== undefined)
      fenField(
        'temporaryAssistance.emergencyGrantLimitFen',
        p.temporaryAssistance.emergencyGrantLimitFen,
        false,
      );
  }
  if (p.penalty !== undefined) {
    fenField('penalty.largeFineThresholdFen', p.penalty?.largeFineThresholdFen);
  }
  if (!ROUNDING.includes(p.rounding)) bad('rounding', '取整规则应为 yuan-half-up、yuan-up、yuan-down 或 fen');
  if (p.review !== undefined) {
    intField('review.stableMonths', p.review?.stableMonths, 1, 24);
    intField('review.unstableMonths', p.review?.unstableMonths, 1, 24);
    intField('review.maxGradualExitMonths', p.review?.maxGradualExitMonths, 0, 24);
  }
  // Never below the statutory 7 days (审核确认办法第十九条).
  if (p.publicNotice !== undefined) intField('publicNotice.days', p.publicNotice?.days, 7, 30);
  if (p.materials !== undefined) problems.push(...materialsProblems(p.materials));
  return problems;
}

/** 第五条、第六条 / 第五条第二款 / 第五条至第八条: what a reader can look up. */
const ARTICLES =
  /^第[一二三四五六七八九十百零〇\d]+条(第[一二三四五六七八九十\d]+款)?((、|和|至)第[一二三四五六七八九十百零〇\d]+条(第[一二三四五六七八九十\d]+款)?)*$/;

function instrumentProblems(field: string, name: string, value: unknown): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const text = (x: unknown) => (typeof x === 'string' ? x.trim() : '');
  const title = text(v.title);
  if (!title || title.length > 200 || /【|】/.test(title))
    problems.push({ field: `${field}.title`, message: `${name}的文件名称应为1至200个字` });
  if (v.documentNumber !== undefined && v.documentNumber !== null) {
    const number = text(v.documentNumber);
    if (!number || number.length > 50 || !/〔\d{4}〕\d+号/.test(number))
      problems.push({
        field: `${field}.documentNumber`,
        message: `${name}的文号应写成如“某民规〔2024〕3号”，没有文号的不填`,
      });
  }
  if (!ARTICLES.test(text(v.articles)))
    problems.push({ field: `${field}.articles`, message: `${name}所依据的条款应写成如“第五条、第六条”` });
  return problems;
}
