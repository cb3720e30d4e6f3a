/** Response bodies of the routes in controllers/templates.controller.ts (held to the handlers by response-contract.ts). */
import { ApiProperty } from '@nestjs/swagger';

export class TemplateSummaryDto {
  @ApiProperty({ required: false, type: String, isArray: true })
  requiredElements?: string[];

  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  title!: string;

  @ApiProperty({ type: Number })
  version!: number;

  @ApiProperty({ enum: ['decision', 'notice', 'form', 'receipt'] })
  documentType!: 'decision' | 'notice' | 'form' | 'receipt';

  @ApiProperty({ enum: ['county', 'township'] })
  issuer!: 'county' | 'township';

  @ApiProperty({ type: Boolean })
  remedy!: boolean;
}

export class DraftIssueDto {
  @ApiProperty({ type: String })
  field!: string;

  @ApiProperty({ type: String })
  message!: string;
}

export class TemplateLintDto {
  @ApiProperty({ type: Boolean })
  ok!: boolean;

  @ApiProperty({ type: () => DraftIssueDto, isArray: true })
  issues!: DraftIssueDto[];
}

export class TemplateManifestDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: Number })
  version!: number;

  @ApiProperty({ type: String })
  title!: string;

  @ApiProperty({ enum: ['decision', 'notice', 'form', 'receipt'] })
  documentType!: 'decision' | 'notice' | 'form' | 'receipt';

  @ApiProperty({ enum: ['county', 'township'] })
  issuer!: 'county' | 'township';

  @ApiProperty({
    required: false,
    type: String,
    description: 'Type code inside the 文号 (e.g. "民低确"); absent for forms that carry no 文号.',
  })
  numberCode?: string;

  @ApiProperty({ type: String })
  legalBasis!: string;

  @ApiProperty({ type: Boolean })
  remedy!: boolean;

  @ApiProperty({
    enum: ['served', 'posted', 'internal'],
    description: 'Required: how the document reaches the applicant or the public (see `Delivery`).',
  })
  delivery!: 'served' | 'posted' | 'internal';

  @ApiProperty({
    required: false,
    type: Boolean,
    description: 'Issuing this document records the service (送达) of the document before it (送达回证).',
  })
  recordsService?: boolean;

  @ApiProperty({
    required: false,
    enum: ['acceptanceDate'],
    description: 'Issuing this document records its date on the case under this name (e.g. the 受理 date).',
  })
  recordsCaseDate?: 'acceptanceDate';

  @ApiProperty({ type: 'object', additionalProperties: true })
  schema!: Record<string, unknown>;

  @ApiProperty({ type: 'object', additionalProperties: true })
  sample!: Record<string, unknown>;
}

export class TemplateReleaseDto {
  @ApiProperty({ type: Number })
  version!: number;

  @ApiProperty({ type: String })
  effectiveFrom!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  publishedAt!: string;

  @ApiProperty({ type: String })
  contentHash!: string;
}

export class TemplateDetailDto {
  @ApiProperty({ type: () => TemplateManifestDto })
  manifest!: TemplateManifestDto;

  @ApiProperty({ type: String })
  body!: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  sample!: Record<string, unknown>;

  @ApiProperty({ type: Number })
  fileVersion!: number;

  @ApiProperty({ type: () => TemplateReleaseDto, isArray: true })
  releases!: TemplateReleaseDto[];

  @ApiProperty({ type: () => DraftIssueDto, isArray: true })
  issues!: DraftIssueDto[];

  @ApiProperty({ required: false, type: String, isArray: true })
  requiredElements?: string[];

  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  title!: string;

  @ApiProperty({ type: Number })
  version!: number;

  @ApiProperty({ enum: ['decision', 'notice', 'form', 'receipt'] })
  documentType!: 'decision' | 'notice' | 'form' | 'receipt';

  @ApiProperty({ enum: ['county', 'township'] })
  issuer!: 'county' | 'township';

  @ApiProperty({ type: Boolean })
  remedy!: boolean;
}

export class TemplatePublishedDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: Number })
  version!: number;

  @ApiProperty({ type: String })
  effectiveFrom!: string;

  @ApiProperty({ type: String })
  contentHash!: string;
}
