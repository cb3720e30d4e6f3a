/** Response bodies of the routes in controllers/policy.controller.ts (held to the handlers by response-contract.ts). */
import { ApiProperty } from '@nestjs/swagger';

export class PolicyParametersDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  regionCode!: string;

  @ApiProperty({ type: String })
  effectiveFrom!: string;

  @ApiProperty({ type: Number })
  version!: number;

  @ApiProperty({ type: 'object', additionalProperties: true })
  parameters!: Record<string, unknown>;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({ type: String, nullable: true })
  createdBy!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;
}

export class AssessmentCreatedDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  parametersId!: string;

  @ApiProperty({ type: String })
  assessmentDate!: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  result!: Record<string, unknown>;
}

export class StoredAssessmentDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String, nullable: true })
  caseId!: string | null;

  @ApiProperty({ type: String })
  parametersId!: string;

  @ApiProperty({ type: String })
  assessmentDate!: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  result!: Record<string, unknown>;
}

export class AssessmentResultParameterVersionDto {
  @ApiProperty({ type: String })
  versionId!: string;

  @ApiProperty({ type: String })
  regionCode!: string;

  @ApiProperty({ type: String })
  effectiveFrom!: string;

  @ApiProperty({
    type: String,
    required: false,
    description: '参数版本的可读名称（行政区划、施行日期、说明）；早于此字段的测算记录没有',
  })
  label?: string;
}

export class ExactFenDto {
  @ApiProperty({ type: Number })
  num!: number;

  @ApiProperty({ type: Number })
  den!: number;
}

export class SelfCareAssessmentDto {
  @ApiProperty({
    enum: ['eating', 'dressing', 'transferring', 'toileting', 'indoorWalking', 'bathing'],
    isArray: true,
  })
  failedItems!: ('eating' | 'dressing' | 'transferring' | 'toileting' | 'indoorWalking' | 'bathing')[];

  @ApiProperty({ enum: ['full', 'partial', 'none'] })
  ability!: 'full' | 'partial' | 'none';

  @ApiProperty({ enum: ['self_care', 'partial_care', 'full_care'] })
  careLevel!: 'self_care' | 'partial_care' | 'full_care';

  @ApiProperty({ type: String })
  label!: string;
}

export class MemberAssessmentDto {
  @ApiProperty({ type: String })
  idNumber!: string;

  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ type: Number })
  age!: number;

  @ApiProperty({
    enum: [
      'healthy',
      'minor_illness',
      'chronic_illness',
      'disability_mild',
      'serious_illness',
      'disability_severe',
    ],
  })
  healthCategory!:
    | 'healthy'
    | 'minor_illness'
    | 'chronic_illness'
    | 'disability_mild'
    | 'serious_illness'
    | 'disability_severe';

  @ApiProperty({ type: Number })
  coefficientBp!: number;

  @ApiProperty({ type: String })
  coefficientReason!: string;

  @ApiProperty({ type: () => ExactFenDto })
  countedIncomeFen!: ExactFenDto;

  @ApiProperty({ type: () => ExactFenDto })
  exemptIncomeFen!: ExactFenDto;

  @ApiProperty({ type: () => ExactFenDto })
  imputedIncomeFen!: ExactFenDto;

  @ApiProperty({ enum: ['odd_jobs', 'farming'], nullable: true })
  imputedKind!: 'odd_jobs' | 'farming' | null;

  @ApiProperty({ type: () => SelfCareAssessmentDto, nullable: true })
  selfCare!: SelfCareAssessmentDto | null;
}

export class ExcludedMemberDto {
  @ApiProperty({ type: String })
  idNumber!: string;

  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ type: String })
  reason!: string;
}

export class IncomeSummaryDto {
  @ApiProperty({ type: () => ExactFenDto })
  verifiedFen!: ExactFenDto;

  @ApiProperty({ type: () => ExactFenDto })
  imputedFen!: ExactFenDto;

  @ApiProperty({ type: () => ExactFenDto })
  supportFen!: ExactFenDto;

  @ApiProperty({ type: () => ExactFenDto })
  deductionsFen!: ExactFenDto;

  @ApiProperty({
    type: () => ExactFenDto,
    description: 'Never below zero: deductions cannot make income negative.',
  })
  yearlyFen!: ExactFenDto;

  @ApiProperty({ type: () => ExactFenDto })
  monthlyFen!: ExactFenDto;

  @ApiProperty({
    type: () => ExactFenDto,
    nullable: true,
    description: 'Exact; null when nobody is covered.',
  })
  perCapitaMonthlyFen!: ExactFenDto | null;
}

export class AssessmentResultRigidDeductionsDto {
  @ApiProperty({ enum: ['medical', 'tuition', 'pension_insurance'] })
  kind!: 'medical' | 'tuition' | 'pension_insurance';

  @ApiProperty({ type: String, nullable: true })
  memberIdNumber!: string | null;

  @ApiProperty({ type: () => ExactFenDto })
  claimedFen!: ExactFenDto;

  @ApiProperty({ type: () => ExactFenDto })
  deductedFen!: ExactFenDto;
}

export class ClauseHitDto {
  @ApiProperty({
    enum: [
      'vehicle_not_needed',
      'multiple_or_luxury_homes',
      'business_above_threshold',
      'financial_assets_above_limit',
      'refuses_work',
      'self_paid_travel_or_study_abroad',
      'luxury_consumption',
      'employs_domestic_help',
      'refuses_verification',
      'concealed_income_or_false_material',
      'public_employee_member',
      'transferred_property_or_waived_support',
      'high_end_renovation',
      'private_high_fee_schooling',
    ],
  })
  id!:
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

  @ApiProperty({ type: String })
  title!: string;

  @ApiProperty({ type: String })
  basis!: string;

  @ApiProperty({ type: String })
  detail!: string;
}

export class AssessmentResultVetoDto {
  @ApiProperty({ type: () => ClauseHitDto, isArray: true })
  hits!: ClauseHitDto[];
}

export class AssessmentResultPropertyDto {
  @ApiProperty({ type: Boolean })
  passed!: boolean;

  @ApiProperty({ type: () => ClauseHitDto, isArray: true })
  hits!: ClauseHitDto[];
}

export class ProgramTestDto {
  @ApiProperty({ type: Boolean })
  eligible!: boolean;

  @ApiProperty({
    type: String,
    isArray: true,
    description: 'zh-CN reasons, one per failed or decisive condition.',
  })
  reasons!: string[];
}

export class ExtremePovertyResultNoLabourCapacityDto {
  @ApiProperty({ type: Boolean })
  passed!: boolean;

  @ApiProperty({ type: String })
  reason!: string;
}

export class ExtremePovertyResultNoIncomeSourceDto {
  @ApiProperty({ type: Boolean })
  passed!: boolean;

  @ApiProperty({ type: String })
  reason!: string;
}

export class ExtremePovertyResultNoCapableSupporterDto {
  @ApiProperty({ type: Boolean })
  passed!: boolean;

  @ApiProperty({ type: String })
  reason!: string;
}

export class ExtremePovertyResultDto {
  @ApiProperty({ type: String })
  idNumber!: string;

  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ type: Boolean })
  eligible!: boolean;

  @ApiProperty({ type: () => ExtremePovertyResultNoLabourCapacityDto })
  noLabourCapacity!: ExtremePovertyResultNoLabourCapacityDto;

  @ApiProperty({ type: () => ExtremePovertyResultNoIncomeSourceDto })
  noIncomeSource!: ExtremePovertyResultNoIncomeSourceDto;

  @ApiProperty({ type: () => ExtremePovertyResultNoCapableSupporterDto })
  noCapableSupporter!: ExtremePovertyResultNoCapableSupporterDto;

  @ApiProperty({ type: Boolean, description: 'Art. 9: a minor in the orphan scheme is not 特困.' })
  excludedAsOrphanScheme!: boolean;
}

export class BenefitIncrementDto {
  @ApiProperty({ type: String })
  idNumber!: string;

  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ enum: ['elderly', 'severely_disabled', 'seriously_ill', 'minor'] })
  category!: 'elderly' | 'severely_disabled' | 'seriously_ill' | 'minor';

  @ApiProperty({ type: Number })
  ratioBp!: number;

  @ApiProperty({ type: Number })
  monthlyFen!: number;
}

export class BenefitDto {
  @ApiProperty({
    enum: ['none', 'household', 'single_person'],
    description: "'household' = 按户施保; 'single_person' = 单人保 (Art. 8); 'none'.",
  })
  kind!: 'none' | 'household' | 'single_person';

  @ApiProperty({ type: String, isArray: true })
  coveredIdNumbers!: string[];

  @ApiProperty({ type: () => ExactFenDto, description: 'Exact gap before rounding.' })
  gapExactFen!: ExactFenDto;

  @ApiProperty({ type: Number, description: "Gap rounded by the region's rule." })
  gapMonthlyFen!: number;

  @ApiProperty({ type: () => BenefitIncrementDto, isArray: true })
  increments!: BenefitIncrementDto[];

  @ApiProperty({
    type: Number,
    description:
      'Top-up so that a 低保 household gets at least the 单人保 amount (see parameters); usually 0.',
  })
  singlePersonFloorTopUpFen!: number;

  @ApiProperty({ type: Number, description: 'gap + increments + top-up, what is paid each month.' })
  totalMonthlyFen!: number;

  @ApiProperty({ type: String, nullable: true })
  startMonth!: string | null;
}

export class HardshipHitDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ enum: ['status', 'income', 'property'] })
  category!: 'status' | 'income' | 'property';

  @ApiProperty({ type: String })
  label!: string;

  @ApiProperty({ type: Number })
  points!: number;
}

export class AssessmentResultHardshipIndexDto {
  @ApiProperty({ type: Number })
  score!: number;

  @ApiProperty({ type: () => HardshipHitDto, isArray: true })
  hits!: HardshipHitDto[];
}

export class ReferralDto {
  @ApiProperty({
    enum: [
      'minimum_living',
      'single_person_coverage',
      'extreme_poverty',
      'low_income',
      'temporary_assistance',
      'medical_assistance',
      'education_assistance',
      'employment_assistance',
      'housing_assistance',
      'disability_living_subsidy',
      'severe_disability_care_subsidy',
      'care_service',
    ],
  })
  program!:
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

  @ApiProperty({ type: String })
  label!: string;

  @ApiProperty({ type: String })
  department!: string;

  @ApiProperty({ type: String })
  reason!: string;

  @ApiProperty({ type: String })
  basis!: string;

  @ApiProperty({
    type: String,
    isArray: true,
    description: 'Members concerned, when the referral is per person.',
  })
  idNumbers!: string[];
}

export class ExplanationLineDto {
  @ApiProperty({ type: String, description: "Stable rule identifier, e.g. 'income.imputed.odd_jobs'." })
  rule!: string;

  @ApiProperty({ type: String, description: 'zh-CN text for the 计算明细 table.' })
  label!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: {
      oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }],
      nullable: true,
    },
  })
  inputs!: Record<string, string | number | boolean | null>;

  @ApiProperty({
    required: false,
    type: Number,
    description:
      'Amount to the fen (half-up, display); the exact value is in `exactFen` when it is not whole.',
  })
  amountFen?: number;

  @ApiProperty({ required: false, type: () => ExactFenDto })
  exactFen?: ExactFenDto;

  @ApiProperty({
    enum: ['pass', 'fail', 'info'],
    description: "'pass' / 'fail' for tests; 'info' for figures.",
  })
  outcome!: 'pass' | 'fail' | 'info';

  @ApiProperty({ type: String })
  basis!: string;
}

export class AssessmentResultDto {
  @ApiProperty({ type: () => AssessmentResultParameterVersionDto })
  parameterVersion!: AssessmentResultParameterVersionDto;

  @ApiProperty({ type: String })
  assessmentDate!: string;

  @ApiProperty({ type: Number })
  monthlyStandardFen!: number;

  @ApiProperty({ type: () => MemberAssessmentDto, isArray: true })
  members!: MemberAssessmentDto[];

  @ApiProperty({ type: () => ExcludedMemberDto, isArray: true })
  excludedMembers!: ExcludedMemberDto[];

  @ApiProperty({ type: Number })
  coveredPersons!: number;

  @ApiProperty({ type: () => IncomeSummaryDto })
  income!: IncomeSummaryDto;

  @ApiProperty({ type: () => AssessmentResultRigidDeductionsDto, isArray: true })
  rigidDeductions!: AssessmentResultRigidDeductionsDto[];

  @ApiProperty({ type: () => AssessmentResultVetoDto })
  veto!: AssessmentResultVetoDto;

  @ApiProperty({ type: () => AssessmentResultPropertyDto })
  property!: AssessmentResultPropertyDto;

  @ApiProperty({ type: () => ProgramTestDto })
  minimumLiving!: ProgramTestDto;

  @ApiProperty({ type: () => ProgramTestDto })
  lowIncome!: ProgramTestDto;

  @ApiProperty({ type: () => ExtremePovertyResultDto, isArray: true })
  extremePoverty!: ExtremePovertyResultDto[];

  @ApiProperty({ type: () => BenefitDto })
  benefit!: BenefitDto;

  @ApiProperty({ type: () => AssessmentResultHardshipIndexDto })
  hardshipIndex!: AssessmentResultHardshipIndexDto;

  @ApiProperty({
    enum: [2, 1, 3, 4],
    type: Number,
    nullable: true,
    description: '1–4, or null when the household is outside all circles.',
  })
  informationCircle!: 2 | 1 | 3 | 4 | null;

  @ApiProperty({ type: () => ReferralDto, isArray: true })
  referrals!: ReferralDto[];

  @ApiProperty({ type: () => ExplanationLineDto, isArray: true })
  lines!: ExplanationLineDto[];
}

export class AssessmentRerunDto {
  @ApiProperty({ type: Boolean })
  same!: boolean;

  @ApiProperty({ type: () => AssessmentResultDto })
  result!: AssessmentResultDto;
}
