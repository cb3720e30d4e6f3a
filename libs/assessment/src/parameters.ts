/**
 * Everything a region sets (DOMAIN.md marks these *default*). A parameter set is versioned and
 * effective from a date; the assessment echoes the version so that a decision can be re-computed
 * years later with the figures that were in force.
 */
import type {
  DisabilityType,
  HealthCategory,
  IncomeKind,
  RigidExpenditureKind,
  VehiclePurpose,
} from './household';
import type { BasisPoints, Fen, RoundingRule } from './money';
import { DEFAULT_MATERIALS, MaterialsChecklist } from './materials';
import type { RegionalInstrument } from './regional-instrument';

export { instrumentCitation, type RegionalInstrument } from './regional-instrument';

export type AreaType = 'urban' | 'rural';

/** Coefficients for the age tiers 16–40, 41–50, 51–60, 61–70, >70, in basis points. */
export type AgeTierCoefficients = [BasisPoints, BasisPoints, BasisPoints, BasisPoints, BasisPoints];

export type ExclusionClauseId =
  | 'vehicle_not_needed'
  | 'multiple_or_luxury_homes'
  | 'business_above_threshold'
  | 'financial_assets_above_limit'
  | 'refuses_work'
  | 'self_paid_travel_or_study_abroad'
  | 'luxury_consumption'
  | 'employs_domestic_help'
  | 'refuses_verification'
  | 'concealed_income_or_false_material'
  | 'public_employee_member'
  | 'transferred_property_or_waived_support'
  | 'high_end_renovation'
  | 'private_high_fee_schooling';

/** Clauses that are about property: together they form the property test. */
export const PROPERTY_CLAUSES: readonly ExclusionClauseId[] = [
  'vehicle_not_needed',
  'multiple_or_luxury_homes',
  'business_above_threshold',
  'financial_assets_above_limit',
];

export interface ExclusionClause {
  id: ExclusionClauseId;
  title: string;
  /** Quoted on the refusal. */
  basis: string;
  enabled: boolean;
}

export type HardshipCategory = 'status' | 'income' | 'property';

export interface HardshipItem {
  /** Must name one of the predicates in hardship-index.ts. */
  id: string;
  category: HardshipCategory;
  label: string;
  points: number;
  enabled: boolean;
}

export interface RigidExpenditureCap {
  annualCapFen: Fen;
  /** Whether the cap applies to the household's total or to each member separately. */
  per: 'household' | 'person';
}

export interface PolicyParameters {
  regionCode: string;
  /** The version's internal note (e.g. 2027年起城乡低保标准调整); never printed for families. */
  versionNote?: string | null;
  /**
   * The instrument that set the 低保标准 of this version, by its published title, without 书名号
   * (e.g. 平安县人民政府关于公布2026年城乡最低生活保障标准的通知). Documents cite the standard by it.
   */
  standardInstrument?: string | null;
  /**
   * The province's 低收入人口认定办法 (LEGAL.md §2d: set by local governments, no national text):
   * every 低收入人口认定 document cites it. Unset, those documents are refused (and the lints say
   * so) rather than issued with a placeholder.
   */
  lowIncomeInstrument?: RegionalInstrument | null;
  /** 'YYYY-MM-DD'; an assessment dated earlier is refused. */
  effectiveFrom: string;
  versionId: string;
  /** Whether the household is assessed against the urban or the rural standard. */
  areaType: AreaType;
  /** Monthly 低保标准 per person, fen. */
  monthlyStandardFen: Record<AreaType, Fen>;
  /** Last year's city minimum wage (monthly), fen. */
  lastYearCityMinimumWageMonthlyFen: Fen;
  /** Last year's rural per-capita disposable income (yearly), fen. */
  lastYearRuralPerCapitaDisposableIncomeFen: Fen;
  /** Last year's local per-capita disposable income (yearly), fen: the 特困 Art. 8 line for supporters. */
  lastYearPerCapitaDisposableIncomeFen: Fen;
  imputation: {
    workingMonths: number;
    farmRatioBp: BasisPoints;
    /** When a capable member has no verified income and no stated work type. */
    whenWorkTypeUnknown: 'odd_jobs' | 'none';
    /**
     * A member with verified labour income (工资性、经营净收入): 'verified_only' counts that and
     * imputes nothing (DOMAIN.md: imputation stands in for a missing verified figure); 'higher_of'
     * counts the higher of verified and imputed, where a region's rule says so. Absent → 'verified_only'.
     */
    withVerifiedLabourIncome?: 'verified_only' | 'higher_of';
  };
  labour: {
    /** Below this age a person is outside the labour force (coefficient 0). */
    minAge: number;
    coefficients: Record<HealthCategory, AgeTierCoefficients>;
  };
  support: {
    lowerRatioBp: BasisPoints;
    /** Used when the supporter has large assets, a luxury car or high-end housing. */
    upperRatioBp: BasisPoints;
  };
  rigidExpenditureCaps: Record<RigidExpenditureKind, RigidExpenditureCap>;
  exemptIncomeKinds: IncomeKind[];
  lowIncomeFactorBp: BasisPoints;
  property: {
    /** Deposits + securities may not exceed this many months of the standard × covered persons. */
    financialAssetMonths: number;
    maxHomes: number;
    businessValueLimitFen: Fen;
    allowedVehiclePurposes: VehiclePurpose[];
  };
  exclusionClauses: ExclusionClause[];
  /** 分类施保: extra monthly amount as a share of the standard, per qualifying covered member. */
  classifiedIncrements: {
    elderly: { minAge: number; ratioBp: BasisPoints };
    severelyDisabled: { ratioBp: BasisPoints };
    seriouslyIll: { ratioBp: BasisPoints };
    minor: { maxAgeExclusive: number; ratioBp: BasisPoints };
    /** A member who fits several categories gets the highest, or the sum. */
    stacking: 'highest' | 'sum';
  };
  /**
   * 单人保 (审核确认办法 Art. 8): amount for a member of a 低保边缘 household covered alone. The
   * household's per-capita income is by definition at or above the standard there, so the gap is
   * taken against the member's own income ('own_income_gap') or the full standard is paid.
   */
  singlePersonCoverage: {
    enabled: boolean;
    basis: 'own_income_gap' | 'full_standard';
    /**
     * A 低保 household is never paid less than its qualifying members would get under 单人保
     * (就高). Without it a household whose income rises just above the standard could receive
     * more than before (单人保 for the ill member instead of a small household gap).
     */
    floorForMinimumLivingHouseholds: boolean;
  };
  extremePoverty: {
    /** Art. 5: no labour capacity at or above this age … */
    elderlyMinAge: number;
    /** … or below this age. */
    childMaxAgeExclusive: number;
    /** Art. 5: grade at or below which a disability of this type means no labour capacity (0 = never). */
    disabilityMaxGrade: Record<DisabilityType, number>;
    /** Art. 8 (2): a supporter on 低保 at or above this age cannot support. */
    supporterOnMinimumLivingMinAge: number;
    /** Art. 8 (3): a supporter at or above this age with income below the disposable-income line cannot support. */
    supporterElderlyMinAge: number;
  };
  hardshipIndex: { items: HardshipItem[] };
  informationCircles: {
    /** Circle 3 ends (exclusive) at this multiple of the low-income line; circle 4 at the second. */
    circle3UpperMultipleBp: BasisPoints;
    circle4UpperMultipleBp: BasisPoints;
  };
  referral: {
    /** Yearly out-of-pocket medical cost from which medical assistance is suggested. */
    highMedicalExpenditureFen: Fen;
  };
  /**
   * 临时救助 (民发〔2018〕23号): the county entrusts the township to approve up to this one-off amount
   * (委托乡镇审批额度). Optional: rows stored before it existed use TEMPORARY_ASSISTANCE_DEFAULTS.
   */
  temporaryAssistance?: {
    townshipApprovalLimitFen: Fen;
    /**
     * 急难型 先行救助: the most the township grants before the investigation (the rest follows the
     * 支出型 procedure). Unset → TEMPORARY_ASSISTANCE_DEFAULTS (a local default, not a national figure).
     */
    emergencyGrantLimitFen?: Fen;
  };
  /**
   * 较大数额罚款 for a citizen (行政处罚法第六十三条), as the province sets it: a fine at or above it
   * carries the right to a hearing. Absent on rows stored before it existed (PENALTY_DEFAULTS).
   */
  penalty?: { largeFineThresholdFen: Fen };
  rounding: RoundingRule;
  /**
   * 动态管理 (审核确认办法 Arts. 31, 33): months between periodic reviews, and the longest 渐退期.
   * Absent from parameter rows stored before it existed: read it with `reviewParameters(p)`.
   */
  review?: ReviewParameters;
  /**
   * 公示 of the first-instance opinion (审核确认办法第十九条, 特困人员认定办法第十五条: 7 natural days).
   * A province may set a longer period, never a shorter one; absent means the statutory 7 days.
   * A model deployed for the region must wait at least this long (the deploy's lint reads it).
   */
  publicNotice?: { days: number };
  /**
   * 申请材料清单 per program, shown in the portal before and during an application and in the
   * 补正 request. Absent on rows stored before it existed, or for a program the set leaves out:
   * `materialsFor` falls back to the national minimum (DEFAULT_MATERIALS).
   */
  materials?: MaterialsChecklist;
}

export interface ReviewParameters {
  /** Households whose situation changes little (每年一次). */
  stableMonths: number;
  /** Households with unstable income and members able to work (每半年一次). */
  unstableMonths: number;
  /** Longest 渐退期 (gradual exit), months; also the default a review proposes. */
  maxGradualExitMonths: number;
}

export const DEFAULT_REVIEW_PARAMETERS: ReviewParameters = {
  stableMonths: 12,
  unstableMonths: 6,
  maxGradualExitMonths: 6,
};

/** The review parameters of a set, or the national defaults when the set predates them. */
export function reviewParameters(p: Pick<PolicyParameters, 'review'>): ReviewParameters {
  return p.review ?? DEFAULT_REVIEW_PARAMETERS;
}

const ASSISTANCE_MEASURES = '《社会救助暂行办法》';
const CONFIRMATION_RULES = '《最低生活保障审核确认办法》（民发〔2021〕57号）';

export const DEFAULT_EXCLUSION_CLAUSES: ExclusionClause[] = [
  {
    id: 'vehicle_not_needed',
    title: '拥有非残疾辅助或生产经营必需的机动车辆',
    basis: `${CONFIRMATION_RULES}第十四条及本地财产状况认定规定`,
    enabled: true,
  },
  {
    id: 'multiple_or_luxury_homes',
    title: '拥有两套及以上住房或高档住房',
    basis: `${CONFIRMATION_RULES}第十四条及本地财产状况认定规定`,
    enabled: true,
  },
  {
    id: 'business_above_threshold',
    title: '开办或投资经营实体、持有股份超过规定限额',
    basis: `${CONFIRMATION_RULES}第十四条及本地财产状况认定规定`,
    enabled: true,
  },
  {
    id: 'financial_assets_above_limit',
    title: '存款、有价证券超过规定限额',
    basis: `${CONFIRMATION_RULES}第十四条及本地财产状况认定规定`,
    enabled: true,
  },
  {
    id: 'refuses_work',
    title: '有劳动能力无正当理由拒绝就业',
    basis: `${ASSISTANCE_MEASURES}第十二条、${CONFIRMATION_RULES}第三十四条`,
    enabled: true,
  },
  {
    id: 'self_paid_travel_or_study_abroad',
    title: '自费出国（境）旅游、留学',
    basis: `${CONFIRMATION_RULES}第十七条（辅助评估）及本地规定`,
    enabled: true,
  },
  {
    id: 'luxury_consumption',
    title: '有高消费行为',
    basis: `${CONFIRMATION_RULES}第十七条（辅助评估）及本地规定`,
    enabled: true,
  },
  {
    id: 'employs_domestic_help',
    title: '雇佣他人从事家政服务',
    basis: '本地最低生活保障实施细则',
    enabled: true,
  },
  {
    id: 'refuses_verification',
    title: '拒绝签署核对授权书或拒绝入户调查',
    basis: `${CONFIRMATION_RULES}第九条、第二十九条`,
    enabled: true,
  },
  {
    id: 'concealed_income_or_false_material',
    title: '隐瞒收入、财产或提供虚假材料',
    basis: `${ASSISTANCE_MEASURES}第六十八条、${CONFIRMATION_RULES}第九条`,
    enabled: true,
  },
  {
    id: 'public_employee_member',
    title: '家庭成员为财政供养人员',
    basis: '本地最低生活保障实施细则',
    enabled: true,
  },
  {
    id: 'transferred_property_or_waived_support',
    title: '为获得救助转让财产或放弃法定赡养、抚养、扶养权利',
    basis: '本地最低生活保障实施细则',
    enabled: true,
  },
  {
    id: 'high_end_renovation',
    title: '住房高档装修',
    basis: '本地最低生活保障实施细则',
    enabled: true,
  },
  {
    id: 'private_high_fee_schooling',
    title: '自费就读民办高收费学校',
    basis: `${CONFIRMATION_RULES}第十七条（辅助评估）及本地规定`,
    enabled: true,
  },
];

/** 35 items: 15 household status, 10 income, 10 property. Points are policy data, not science. */
export const DEFAULT_HARDSHIP_ITEMS: HardshipItem[] = [
  { id: 'status.elderly60', category: 'status', label: '有60周岁以上老年人', points: 4, enabled: true },
  { id: 'status.elderly70', category: 'status', label: '有70周岁以上老年人', points: 3, enabled: true },
  { id: 'status.elderly80', category: 'status', label: '有80周岁以上老年人', points: 3, enabled: true },
  {
    id: 'status.severeDisability',
    category: 'status',
    label: '有重度残疾人（一、二级）',
    points: 8,
    enabled: true,
  },
  {
    id: 'status.mildDisability',
    category: 'status',
    label: '有轻度残疾人（三、四级）',
    points: 4,
    enabled: true,
  },
  { id: 'status.seriousIllness', category: 'status', label: '有重病患者', points: 8, enabled: true },
  { id: 'status.chronicIllness', category: 'status', label: '有慢性病患者', points: 3, enabled: true },
  { id: 'status.minor', category: 'status', label: '有未成年人', points: 3, enabled: true },
  {
    id: 'status.compulsoryStudent',
    category: 'status',
    label: '有义务教育阶段学生',
    points: 2,
    enabled: true,
  },
  { id: 'status.seniorStudent', category: 'status', label: '有高中、中职阶段学生', points: 3, enabled: true },
  { id: 'status.collegeStudent', category: 'status', label: '有大专及以上在校生', points: 4, enabled: true },
  { id: 'status.singleParent', category: 'status', label: '单亲家庭抚养未成年人', points: 4, enabled: true },
  { id: 'status.noLabour', category: 'status', label: '家庭无劳动力', points: 8, enabled: true },
  {
    id: 'status.selfCareLost',
    category: 'status',
    label: '有完全丧失生活自理能力的成员',
    points: 6,
    enabled: true,
  },
  {
    id: 'status.selfCarePartial',
    category: 'status',
    label: '有部分丧失生活自理能力的成员',
    points: 3,
    enabled: true,
  },
  { id: 'income.below25', category: 'income', label: '人均收入低于低保标准的25%', points: 8, enabled: true },
  { id: 'income.below50', category: 'income', label: '人均收入低于低保标准的50%', points: 6, enabled: true },
  { id: 'income.below75', category: 'income', label: '人均收入低于低保标准的75%', points: 4, enabled: true },
  { id: 'income.belowStandard', category: 'income', label: '人均收入低于低保标准', points: 3, enabled: true },
  {
    id: 'income.belowLowIncomeLine',
    category: 'income',
    label: '人均收入低于低收入认定标准',
    points: 2,
    enabled: true,
  },
  {
    id: 'income.noVerifiedIncome',
    category: 'income',
    label: '家庭无核实的计算收入',
    points: 4,
    enabled: true,
  },
  {
    id: 'income.medicalBurden',
    category: 'income',
    label: '医疗自付费用达到家庭毛收入的一半',
    points: 4,
    enabled: true,
  },
  { id: 'income.tuition', category: 'income', label: '有学费支出', points: 2, enabled: true },
  {
    id: 'income.noSupport',
    category: 'income',
    label: '无可计算的赡养（抚养、扶养）费',
    points: 3,
    enabled: true,
  },
  {
    id: 'income.suddenHardship',
    category: 'income',
    label: '遭遇突发事件或重大支出',
    points: 5,
    enabled: true,
  },
  { id: 'property.noHome', category: 'property', label: '无自有住房', points: 5, enabled: true },
  { id: 'property.noVehicle', category: 'property', label: '无机动车辆', points: 2, enabled: true },
  {
    id: 'property.assetsBelow1Month',
    category: 'property',
    label: '存款及有价证券低于1个月保障标准总额',
    points: 4,
    enabled: true,
  },
  {
    id: 'property.assetsBelow3Months',
    category: 'property',
    label: '存款及有价证券低于3个月保障标准总额',
    points: 3,
    enabled: true,
  },
  {
    id: 'property.assetsBelow6Months',
    category: 'property',
    label: '存款及有价证券低于6个月保障标准总额',
    points: 2,
    enabled: true,
  },
  { id: 'property.noBusiness', category: 'property', label: '无经营实体或股份', points: 2, enabled: true },
  { id: 'property.noSecurities', category: 'property', label: '无有价证券', points: 1, enabled: true },
  { id: 'property.noDeposits', category: 'property', label: '无存款', points: 2, enabled: true },
  {
    id: 'property.homeDamaged',
    category: 'property',
    label: '住房因火灾或灾害受损',
    points: 4,
    enabled: true,
  },
  { id: 'property.noPropertyIncome', category: 'property', label: '无财产性收入', points: 1, enabled: true },
];

export const DEFAULT_PARAMETERS: PolicyParameters = {
  regionCode: '150422',
  effectiveFrom: '2025-01-01',
  versionId: 'default-2025-01',
  areaType: 'rural',
  monthlyStandardFen: { urban: 80_000, rural: 65_000 },
  lastYearCityMinimumWageMonthlyFen: 198_000,
  lastYearRuralPerCapitaDisposableIncomeFen: 2_000_000,
  lastYearPerCapitaDisposableIncomeFen: 3_000_000,
  imputation: { workingMonths: 8, farmRatioBp: 6_000, whenWorkTypeUnknown: 'odd_jobs' },
  labour: {
    minAge: 16,
    coefficients: {
      healthy: [10_000, 9_000, 8_000, 5_000, 0],
      minor_illness: [8_000, 7_000, 6_000, 4_000, 0],
      chronic_illness: [6_000, 5_000, 4_000, 3_000, 0],
      disability_mild: [5_000, 4_000, 3_000, 2_000, 0],
      serious_illness: [0, 0, 0, 0, 0],
      disability_severe: [0, 0, 0, 0, 0],
    },
  },
  support: { lowerRatioBp: 500, upperRatioBp: 1_000 },
  rigidExpenditureCaps: {
    medical: { annualCapFen: 2_000_000, per: 'household' },
    tuition: { annualCapFen: 800_000, per: 'person' },
    pension_insurance: { annualCapFen: 300_000, per: 'household' },
  },
  exemptIncomeKinds: [
    'special_care_allowance',
    'family_planning_reward',
    'scholarship',
    'heroic_deed_award',
    'social_assistance',
    'basic_pension_base',
  ],
  lowIncomeFactorBp: 15_000,
  property: {
    financialAssetMonths: 24,
    maxHomes: 1,
    businessValueLimitFen: 10_000_000,
    allowedVehiclePurposes: ['disability_aid', 'work'],
  },
  exclusionClauses: DEFAULT_EXCLUSION_CLAUSES,
  classifiedIncrements: {
    elderly: { minAge: 60, ratioBp: 1_000 },
    severelyDisabled: { ratioBp: 3_000 },
    seriouslyIll: { ratioBp: 2_000 },
    minor: { maxAgeExclusive: 18, ratioBp: 1_000 },
    stacking: 'highest',
  },
  singlePersonCoverage: { enabled: true, basis: 'own_income_gap', floorForMinimumLivingHouseholds: true },
  extremePoverty: {
    elderlyMinAge: 60,
    childMaxAgeExclusive: 16,
    disabilityMaxGrade: {
      intellectual: 3,
      mental: 3,
      physical: 2,
      visual: 1,
      hearing: 0,
      speech: 0,
      multiple: 2,
    },
    supporterOnMinimumLivingMinAge: 60,
    supporterElderlyMinAge: 70,
  },
  hardshipIndex: { items: DEFAULT_HARDSHIP_ITEMS },
  informationCircles: { circle3UpperMultipleBp: 15_000, circle4UpperMultipleBp: 20_000 },
  referral: { highMedicalExpenditureFen: 1_000_000 },
  temporaryAssistance: { townshipApprovalLimitFen: 100_000 },
  penalty: { largeFineThresholdFen: 500_000 },
  rounding: 'yuan-half-up',
  review: DEFAULT_REVIEW_PARAMETERS,
  materials: DEFAULT_MATERIALS,
};

/**
 * Local defaults for parameter rows that predate `temporaryAssistance`: 1,000 yuan entrusted to the
 * township; 5,000 yuan of 先行救助 before the investigation (no national figure; set by the province).
 */
export const TEMPORARY_ASSISTANCE_DEFAULTS = {
  townshipApprovalLimitFen: 100_000,
  emergencyGrantLimitFen: 500_000,
};

/** The monthly standard that applies to the household under these parameters. */
export function monthlyStandard(p: PolicyParameters): Fen {
  return p.monthlyStandardFen[p.areaType];
}

/**
 * The standard as a family's document cites it: the instrument that set it, by its lawful title.
 * Region codes, ISO dates, notes and the row's UUID are internal (`versionId` keeps the version for
 * re-running); without an instrument the document says only that the standard in force was applied.
 */
export function parameterVersionLabel(p: Pick<PolicyParameters, 'standardInstrument'>): string {
  const instrument = p.standardInstrument?.trim().replace(/^《(.*)》$/, '$1');
  return instrument ? `《${instrument}》` : PARAMETER_VERSION_FALLBACK;
}

/** What a document says of the standard when no instrument is recorded for the version. */
export const PARAMETER_VERSION_FALLBACK = '现行最低生活保障标准';
