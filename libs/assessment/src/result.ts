/** What `assess` returns: figures, tests, decisions, referrals, and the explanation lines. */
import type { ExplanationLine } from './explanation';
import type { ExtremePovertyResult } from './extreme-poverty';
import type { ClauseHit } from './exclusion-clauses';
import type { HealthCategory, RigidExpenditureKind } from './household';
import type { BasisPoints, ExactFen, Fen } from './money';
import type { HardshipCategory } from './parameters';
import type { SelfCareAssessment } from './self-care';

export interface AssessmentOptions {
  /** 'YYYY-MM-DD': ages and parameter validity are taken on this date. */
  assessmentDate: string;
  /** Date of the 审核确认 decision, for the start month; defaults to the assessment date. */
  decisionDate?: string;
}

export interface MemberAssessment {
  idNumber: string;
  name: string;
  age: number;
  healthCategory: HealthCategory;
  coefficientBp: BasisPoints;
  coefficientReason: string;
  countedIncomeFen: ExactFen;
  exemptIncomeFen: ExactFen;
  imputedIncomeFen: ExactFen;
  imputedKind: 'odd_jobs' | 'farming' | null;
  selfCare: SelfCareAssessment | null;
}

export interface ExcludedMember {
  idNumber: string;
  name: string;
  reason: string;
}

export interface IncomeSummary {
  verifiedFen: ExactFen;
  imputedFen: ExactFen;
  supportFen: ExactFen;
  deductionsFen: ExactFen;
  /** Never below zero: deductions cannot make income negative. */
  yearlyFen: ExactFen;
  monthlyFen: ExactFen;
  /** Exact; null when nobody is covered. */
  perCapitaMonthlyFen: ExactFen | null;
}

export interface ProgramTest {
  eligible: boolean;
  /** zh-CN reasons, one per failed or decisive condition. */
  reasons: string[];
}

export interface BenefitIncrement {
  idNumber: string;
  name: string;
  category: 'elderly' | 'severely_disabled' | 'seriously_ill' | 'minor';
  ratioBp: BasisPoints;
  monthlyFen: Fen;
}

export interface Benefit {
  /** 'household' = 按户施保; 'single_person' = 单人保 (Art. 8); 'none'. */
  kind: 'household' | 'single_person' | 'none';
  coveredIdNumbers: string[];
  /** Exact gap before rounding. */
  gapExactFen: ExactFen;
  /** Gap rounded by the region's rule. */
  gapMonthlyFen: Fen;
  increments: BenefitIncrement[];
  /** Top-up so that a 低保 household gets at least the 单人保 amount (see parameters); usually 0. */
  singlePersonFloorTopUpFen: Fen;
  /** gap + increments + top-up, what is paid each month. */
  totalMonthlyFen: Fen;
  startMonth: string | null;
}

export interface HardshipHit {
  id: string;
  category: HardshipCategory;
  label: string;
  points: number;
}

export type ReferralProgram =
  | 'minimum_living'
  | 'single_person_coverage'
  | 'extreme_poverty'
  | 'low_income'
  | 'temporary_assistance'
  | 'medical_assistance'
  | 'education_assistance'
  | 'employment_assistance'
  | 'housing_assistance'
  | 'disability_living_subsidy'
  | 'severe_disability_care_subsidy'
  | 'care_service';

export interface Referral {
  program: ReferralProgram;
  label: string;
  department: string;
  reason: string;
  basis: string;
  /** Members concerned, when the referral is per person. */
  idNumbers: string[];
}

export interface AssessmentResult {
  parameterVersion: {
    versionId: string;
    regionCode: string;
    effectiveFrom: string;
    /** Human label: region, effective date, note. */
    label: string;
  };
  assessmentDate: string;
  monthlyStandardFen: Fen;
  members: MemberAssessment[];
  excludedMembers: ExcludedMember[];
  coveredPersons: number;
  income: IncomeSummary;
  rigidDeductions: {
    kind: RigidExpenditureKind;
    memberIdNumber: string | null;
    claimedFen: ExactFen;
    deductedFen: ExactFen;
  }[];
  veto: { hits: ClauseHit[] };
  property: { passed: boolean; hits: ClauseHit[] };
  minimumLiving: ProgramTest;
  lowIncome: ProgramTest;
  extremePoverty: ExtremePovertyResult[];
  benefit: Benefit;
  hardshipIndex: { score: number; hits: HardshipHit[] };
  /** 1–4, or null when the household is outside all circles. */
  informationCircle: 1 | 2 | 3 | 4 | null;
  referrals: Referral[];
  lines: ExplanationLine[];
}
