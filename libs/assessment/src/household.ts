/**
 * The facts of one household as collected at the window, in the home visit and by the
 * verification centre (核对中心). Everything is plain JSON: dates as 'YYYY-MM-DD', money as
 * integer fen per year unless the name says otherwise.
 */
import type { Fen } from './money';

/** Relation to the applicant (与申请人关系). */
export type Relation =
  | 'applicant'
  | 'spouse'
  | 'child'
  | 'parent'
  | 'grandparent'
  | 'grandchild'
  | 'sibling'
  | 'child_in_law'
  | 'other';

/**
 * Health category of the labour-capacity table (DOMAIN.md §3): healthy 健康, minor_illness 一般疾病,
 * chronic_illness 慢性病, disability_mild 轻度残疾 (grade 3–4), serious_illness 重病,
 * disability_severe 重度残疾 (grade 1–2).
 */
export type HealthCategory =
  | 'healthy'
  | 'minor_illness'
  | 'chronic_illness'
  | 'disability_mild'
  | 'serious_illness'
  | 'disability_severe';

export type DisabilityType =
  'intellectual' | 'mental' | 'physical' | 'visual' | 'hearing' | 'speech' | 'multiple';

/** Disability certificate (残疾人证): grade 1 is the most severe. */
export interface Disability {
  grade: 1 | 2 | 3 | 4;
  type: DisabilityType;
}

export type EducationLevel =
  | 'primary'
  | 'junior_high'
  | 'senior_high'
  | 'secondary_vocational'
  | 'junior_college'
  | 'bachelor'
  | 'postgraduate';

export interface Student {
  fullTime: boolean;
  level: EducationLevel;
}

/**
 * Kinds of income (审核确认办法 Arts. 12–14). The first five are counted; the others are the
 * kinds the national rule lists as not counted (the region's list is `exemptIncomeKinds`):
 * 优抚金, 计划生育奖励与扶助金, 奖学金/助学金, 见义勇为奖励, 社会救助金, 基础养老金.
 */
export type IncomeKind =
  | 'wage'
  | 'business'
  | 'property'
  | 'transfer'
  | 'other'
  | 'special_care_allowance'
  | 'family_planning_reward'
  | 'scholarship'
  | 'heroic_deed_award'
  | 'social_assistance'
  | 'basic_pension_base';

export interface Income {
  kind: IncomeKind;
  /** Verified amount per year, fen. */
  annualFen: Fen;
  /** Where the figure comes from (核对中心, 入户调查 …), shown in the explanation. */
  source?: string;
}

/** Which imputation applies when no verified income of that kind exists. */
export type WorkType = 'odd_jobs' | 'farming' | 'none';

export type Employment =
  'employed' | 'self_employed' | 'unemployed' | 'farming' | 'retired' | 'public_employee' | 'none';

/** Facts for the 共同生活家庭成员 rule (审核确认办法 Art. 7). */
export interface Cohabitation {
  /** Lives together with the applicant long-term (长期共同居住). */
  livesTogetherLongTerm: boolean;
  /** For adult children: able to live independently (has no disability/illness preventing it and is not a student). */
  ableToLiveIndependently?: boolean;
  /** For relations other than spouse/child: has a statutory duty of support (赡养/扶养/抚养) toward a member. Parents default to true. */
  statutorySupportDuty?: boolean;
  /** Years a member in religious orders (宗教教职人员) has lived apart from the family. */
  clergyLivingApartYears?: number;
  /** In prison (服刑), compulsory drug rehabilitation (强制隔离戒毒) or declared missing (宣告失踪). */
  custody?: 'prison' | 'compulsory_rehab' | 'missing' | null;
}

/**
 * The six activities of daily living (特困人员认定办法 Art. 20); true = can do it without help.
 * 自主吃饭, 自主穿衣, 自主上下床, 自主如厕, 室内自主行走, 自主洗澡.
 */
export interface SelfCareItems {
  eating: boolean;
  dressing: boolean;
  transferring: boolean;
  toileting: boolean;
  indoorWalking: boolean;
  bathing: boolean;
}

export interface Member {
  name: string;
  /** 18-character resident ID (GB 11643); age and sex are read from it. */
  idNumber: string;
  relation: Relation;
  cohabitation: Cohabitation;
  health: HealthCategory;
  disability?: Disability | null;
  student?: Student | null;
  employment?: Employment;
  incomes: Income[];
  /** Imputation basis when no verified income exists; unset → region default. */
  workType?: WorkType;
  selfCare?: SelfCareItems | null;
  /** A minor who chose the orphan / 事实无人抚养儿童 scheme is not 特困 (特困人员认定办法 Art. 9). */
  inOrphanScheme?: boolean;
}

/** Flags about a person outside the household who has a statutory duty of support. */
export interface SupporterFlags {
  onMinimumLiving?: boolean;
  extremePoverty?: boolean;
  seriousIllness?: boolean;
  disability?: Disability | null;
  inPrison?: boolean;
  student?: boolean;
  noCivilCapacity?: boolean;
  missing?: boolean;
  /** Large assets (e.g. deposits far above the local property rule). */
  largeAssets?: boolean;
  luxuryCar?: boolean;
  highEndHousing?: boolean;
  /** Another incapacity reason set by the province (特困人员认定办法 Art. 8 (6)); its text is quoted. */
  provincialIncapacityReason?: string | null;
}

/** 赡养/抚养/扶养义务人. */
export interface Supporter {
  name: string;
  idNumber: string;
  relation: 'child' | 'parent' | 'spouse' | 'grandchild' | 'grandparent' | 'sibling' | 'other';
  /** ID numbers of the household members this person must support. */
  supports: string[];
  /** Supporter's own verified yearly income, fen. */
  annualIncomeFen: Fen;
  /** Also a counted member of this household: their income is already in the household's. */
  livesInHousehold?: boolean;
  flags: SupporterFlags;
}

export type VehiclePurpose = 'disability_aid' | 'work' | 'private';

export interface Vehicle {
  description: string;
  purpose: VehiclePurpose;
  valueFen?: Fen;
}

export interface Assets {
  depositsFen: Fen;
  securitiesFen: Fen;
  vehicles: Vehicle[];
  homes: { count: number; luxury: boolean };
  /** Business ownership or shareholding, at the value the registry or the investigation shows. */
  businesses: { description: string; valueFen: Fen }[];
}

/** Behavioural facts behind the one-vote-veto clauses (all default to false). */
export interface ExclusionFacts {
  refusesWorkWithoutReason?: boolean;
  selfPaidTravelOrStudyAbroad?: boolean;
  luxuryConsumption?: boolean;
  employsDomesticHelp?: boolean;
  refusesVerificationOrVisit?: boolean;
  concealedIncomeOrFalseMaterial?: boolean;
  /** Also derived from a counted member with employment 'public_employee'. */
  publicEmployeeMember?: boolean;
  transferredPropertyOrWaivedSupport?: boolean;
  highEndRenovation?: boolean;
  privateHighFeeSchooling?: boolean;
}

export type RigidExpenditureKind = 'medical' | 'tuition' | 'pension_insurance';

export interface RigidExpenditure {
  kind: RigidExpenditureKind;
  /** Out-of-pocket amount per year, fen. */
  annualFen: Fen;
  /** Member concerned (needed where the cap is per person). */
  memberIdNumber?: string;
  note?: string;
}

/** A sudden event (急难/支出型) — sets the 临时救助 referral. */
export interface SuddenHardship {
  kind: 'accident' | 'fire' | 'serious_illness' | 'disaster' | 'major_expenditure' | 'other';
  description: string;
}

export interface Household {
  /** Exactly one member has relation 'applicant'. */
  members: Member[];
  supporters: Supporter[];
  assets: Assets;
  exclusionFacts: ExclusionFacts;
  rigidExpenditures: RigidExpenditure[];
  suddenHardship?: SuddenHardship | null;
}
