/** Response bodies of the routes in controllers/portal.controller.ts (held to the handlers by response-contract.ts). */
import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { MARKUP_BLOCKS, MarkupBlock } from './markup.response';

export class PortalCaseSummaryCurrentStepsDto {
  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  dueDate!: string | null;
}

export class PortalCaseSummaryDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  caseNo!: string;

  @ApiProperty({ type: String })
  program!: string;

  @ApiProperty({ type: String })
  programName!: string;

  @ApiProperty({ enum: ['in_progress', 'closed'] })
  status!: 'in_progress' | 'closed';

  @ApiProperty({ type: String })
  statusText!: string;

  @ApiProperty({ type: String, nullable: true })
  outcome!: string | null;

  @ApiProperty({ type: String, nullable: true })
  outcomeText!: string | null;

  @ApiProperty({ type: () => PortalCaseSummaryCurrentStepsDto, isArray: true })
  currentSteps!: PortalCaseSummaryCurrentStepsDto[];

  @ApiProperty({ type: String })
  applicationDate!: string;

  @ApiProperty({ type: Number, nullable: true })
  benefitAmountFen!: number | null;
}

export class PortalCaseViewCaseApplicantDto {
  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ type: String })
  idNumberMasked!: string;

  @ApiProperty({ type: String })
  address!: string;

  @ApiProperty({ type: String, nullable: true })
  phone!: string | null;
}

export class PortalCaseViewCaseHouseholdDto {
  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ type: String })
  relation!: string;

  @ApiProperty({ type: String })
  idNumberMasked!: string;
}

export class PortalCaseViewCaseDto {
  @ApiProperty({ type: String, nullable: true })
  acceptanceDate!: string | null;

  @ApiProperty({ type: String, nullable: true })
  benefitStartMonth!: string | null;

  @ApiProperty({ type: String })
  regionName!: string;

  @ApiProperty({ type: () => PortalCaseViewCaseApplicantDto })
  applicant!: PortalCaseViewCaseApplicantDto;

  @ApiProperty({ type: () => PortalCaseViewCaseHouseholdDto, isArray: true })
  household!: PortalCaseViewCaseHouseholdDto[];

  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  caseNo!: string;

  @ApiProperty({ type: String })
  program!: string;

  @ApiProperty({ enum: ['in_progress', 'closed'] })
  status!: 'in_progress' | 'closed';

  @ApiProperty({ type: String, nullable: true })
  outcome!: string | null;

  @ApiProperty({ type: String, nullable: true })
  outcomeText!: string | null;

  @ApiProperty({ type: String })
  programName!: string;

  @ApiProperty({ type: String })
  statusText!: string;

  @ApiProperty({ type: String })
  applicationDate!: string;

  @ApiProperty({ type: Number, nullable: true })
  benefitAmountFen!: number | null;
}

export class ProgressStepDto {
  @ApiProperty({ type: String })
  title!: string;

  @ApiProperty({ enum: ['done', 'current'] })
  status!: 'done' | 'current';

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'When it was finished (done) or began (current), ISO timestamp or date.',
  })
  date!: string | null;

  @ApiProperty({ type: String, nullable: true })
  dueDate!: string | null;

  @ApiProperty({ type: String, nullable: true })
  who!: string | null;
}

export class PortalCaseViewDocumentsDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  title!: string;

  @ApiProperty({ type: String, nullable: true })
  number!: string | null;

  @ApiProperty({ type: String })
  templateId!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  issuedAt!: string;

  @ApiProperty({ enum: ['pending', 'archived'] })
  status!: 'pending' | 'archived';

  @ApiProperty({ type: String })
  verifyCode!: string;

  @ApiProperty({
    type: Boolean,
    description: '尚未送达的决定：申请人已同意电子送达，下载即视为电子送达（记录送达日期和时间）',
  })
  servedOnDownload!: boolean;
}

export class PortalCaseViewAuthorizationDto {
  @ApiProperty({ type: String })
  signerName!: string;

  @ApiProperty({ type: String })
  signerIdNumberMasked!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  signedAt!: string;

  @ApiProperty({ type: Number })
  templateVersion!: number;

  @ApiProperty({ type: String })
  textHash!: string;

  @ApiProperty({ type: 'array', items: { oneOf: MARKUP_BLOCKS.map((b) => ({ $ref: getSchemaPath(b) })) } })
  blocks!: MarkupBlock[];
}

export class PublicNoticePeriodDto {
  @ApiProperty({ type: String, description: '公示开始日期 YYYY-MM-DD' })
  startDate!: string;

  @ApiProperty({ type: String, description: '公示截止日期 YYYY-MM-DD' })
  endDate!: string;

  @ApiProperty({ type: Boolean, description: 'true：预计日期（公示尚未开始）；false：正在公示' })
  expected?: boolean;
}

export class RoadStepDto {
  @ApiProperty({ type: String, description: '环节的公开名称（模型的 sa:publicName）' })
  title!: string;

  @ApiProperty({ type: String, nullable: true, description: '预计最迟完成日期' })
  expectedBy!: string | null;

  @ApiProperty({ type: () => PublicNoticePeriodDto, required: false })
  publicNotice?: PublicNoticePeriodDto;
}

export class MaterialItemDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ type: String, required: false, description: '如何提供' })
  note?: string;

  @ApiProperty({ type: String, required: false, description: '仅部分家庭需要时的条件' })
  when?: string;

  @ApiProperty({ type: String, description: '要求该材料的依据' })
  basis!: string;

  @ApiProperty({ type: Boolean, description: '补正材料告知书要求补正该材料' })
  requested!: boolean;
}

export class MaterialsChecklistDto {
  @ApiProperty({ type: String })
  program!: string;

  @ApiProperty({ type: String })
  programName!: string;

  @ApiProperty({ type: String, description: '所依据的政策参数版本的生效日期' })
  effectiveFrom!: string;

  @ApiProperty({ type: () => MaterialItemDto, isArray: true })
  items!: MaterialItemDto[];

  @ApiProperty({ type: String, isArray: true, description: '补正告知书要求的、清单以外的材料' })
  otherRequested!: string[];
}

export class PortalCaseViewDto {
  @ApiProperty({ type: () => MaterialsChecklistDto, description: '申请材料清单（补正时标明需补正的材料）' })
  materials!: MaterialsChecklistDto;

  @ApiProperty({ type: () => PortalCaseViewCaseDto })
  case!: PortalCaseViewCaseDto;

  @ApiProperty({ type: String })
  plainStatus!: string;

  @ApiProperty({ type: () => ProgressStepDto, isArray: true })
  steps!: ProgressStepDto[];

  @ApiProperty({ type: () => RoadStepDto, isArray: true, description: '尚待办理的环节（读自流程模型）' })
  roadMap!: RoadStepDto[];

  @ApiProperty({ type: () => PublicNoticePeriodDto, nullable: true, description: '公示期' })
  publicNotice!: PublicNoticePeriodDto | null;

  @ApiProperty({ type: () => PortalCaseViewDocumentsDto, isArray: true })
  documents!: PortalCaseViewDocumentsDto[];

  @ApiProperty({ type: () => PortalCaseViewAuthorizationDto, nullable: true })
  authorization!: PortalCaseViewAuthorizationDto | null;
}

export class AuthorizationTextDto {
  @ApiProperty({ type: String })
  templateId!: string;

  @ApiProperty({ type: Number })
  templateVersion!: number;

  @ApiProperty({ type: String })
  templateHash!: string;

  @ApiProperty({ type: String })
  title!: string;

  @ApiProperty({
    type: String,
    description: 'The line markup exactly as rendered; its sha256 is what the signer confirms.',
  })
  markup!: string;

  @ApiProperty({ type: String })
  textHash!: string;

  @ApiProperty({ type: 'array', items: { oneOf: MARKUP_BLOCKS.map((b) => ({ $ref: getSchemaPath(b) })) } })
  blocks!: MarkupBlock[];
}

export class RegionDto {
  @ApiProperty({ type: String })
  code!: string;

  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ enum: ['county', 'township', 'village'] })
  level!: 'county' | 'township' | 'village';

  @ApiProperty({ type: Boolean })
  leaf!: boolean;
}

export class PortalIdentityDto {
  @ApiProperty({ type: String, description: '账号本人姓名（申请人姓名须与之一致）' })
  name!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      '本账号此前申请时使用的本人身份证号码；尚未申请过为 null（首次申请时填写的号码即与账号绑定）',
  })
  idNumber!: string | null;
}

export class MemberSignatureStateDto {
  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ type: String })
  relation!: string;

  @ApiProperty({ type: String })
  idNumberMasked!: string;

  @ApiProperty({ type: Boolean, description: '年满18周岁，须本人签署' })
  adult!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  signedAt!: string | null;

  @ApiProperty({ enum: ['online', 'window'], nullable: true })
  method!: 'online' | 'window' | null;
}

export class AuthorizationSheetDto {
  @ApiProperty({ type: () => MemberSignatureStateDto, isArray: true })
  members!: MemberSignatureStateDto[];

  @ApiProperty({ type: String, isArray: true, description: '尚未签署的成年家庭成员' })
  missing!: string[];

  @ApiProperty({ type: () => AuthorizationTextDto })
  text!: AuthorizationTextDto;
}
