/** Response bodies of the routes in controllers/supervision.controller.ts (held to the handlers by response-contract.ts). */
import { ApiProperty } from '@nestjs/swagger';

export class PublicListingRegionDto {
  @ApiProperty({ type: String })
  code!: string;

  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ type: String })
  path!: string;
}

export class PublicListingRowDto {
  @ApiProperty({
    type: String,
    description: "Full name: 审核确认办法第二十四条 publishes the applicant's name.",
  })
  name!: string;

  @ApiProperty({ type: String })
  program!: string;

  @ApiProperty({ type: String })
  programName!: string;

  @ApiProperty({ type: Number })
  householdSize!: number;

  @ApiProperty({ type: Number, nullable: true })
  monthlyAmountFen!: number | null;
}

export class PublicListingDto {
  @ApiProperty({ type: () => PublicListingRegionDto })
  region!: PublicListingRegionDto;

  @ApiProperty({ type: String })
  asOf!: string;

  @ApiProperty({ type: Number })
  total!: number;

  @ApiProperty({ type: () => PublicListingRowDto, isArray: true })
  rows!: PublicListingRowDto[];
}

export class RecheckDrawRecordProceduresDto {
  @ApiProperty({ type: String })
  caseId!: string;

  @ApiProperty({ type: String })
  caseNo!: string;

  @ApiProperty({ type: String })
  procedureCaseId!: string;

  @ApiProperty({ type: String })
  procedureCaseNo!: string;
}

export class RecheckDrawRecordDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  regionCode!: string;

  @ApiProperty({ type: String })
  program!: string;

  @ApiProperty({ type: String })
  programName!: string;

  @ApiProperty({ type: Number })
  ratio!: number;

  @ApiProperty({ type: String })
  seed!: string;

  @ApiProperty({ type: String, isArray: true })
  population!: string[];

  @ApiProperty({ type: String, isArray: true })
  selected!: string[];

  @ApiProperty({ type: () => RecheckDrawRecordProceduresDto, isArray: true })
  procedures!: RecheckDrawRecordProceduresDto[];

  @ApiProperty({ type: String })
  drawnBy!: string;

  @ApiProperty({ type: String })
  drawnByName!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  drawnAt!: string;

  @ApiProperty({
    type: Boolean,
    description: 'drawSample(seed, population, ratio) gives the recorded selection again.',
  })
  reproducible!: boolean;
}

export class NearRelativeRecordDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  staffUserId!: string;

  @ApiProperty({ type: String })
  staffName!: string;

  @ApiProperty({ type: String })
  staffRole!: string;

  @ApiProperty({ type: String })
  staffRegionCode!: string;

  @ApiProperty({ type: String })
  relativeName!: string;

  @ApiProperty({ type: String })
  relativeIdNumber!: string;

  @ApiProperty({ type: String })
  relation!: string;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  registeredAt!: string;
}

export class StaffMemberDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  displayName!: string;

  @ApiProperty({ type: String })
  role!: string;

  @ApiProperty({ type: String })
  regionCode!: string;
}

export class NearRelativeLinkDto {
  @ApiProperty({ type: String })
  relativeName!: string;

  @ApiProperty({ type: String })
  idNumberMasked!: string;

  @ApiProperty({ type: String })
  relation!: string;

  @ApiProperty({ type: String })
  staffName!: string;
}

export class NearRelativeCaseDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  caseNo!: string;

  @ApiProperty({ type: String })
  program!: string;

  @ApiProperty({ type: String })
  programName!: string;

  @ApiProperty({ type: String })
  kind!: string;

  @ApiProperty({ type: String })
  status!: string;

  @ApiProperty({ type: String, nullable: true })
  outcome!: string | null;

  @ApiProperty({ type: String })
  regionCode!: string;

  @ApiProperty({ type: String })
  applicantName!: string;

  @ApiProperty({
    type: Boolean,
    description: 'Whether the case was run as a near-relative case (county visit).',
  })
  nearRelative!: boolean;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: () => NearRelativeLinkDto, isArray: true })
  relatives!: NearRelativeLinkDto[];
}
