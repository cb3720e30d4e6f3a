/** Response bodies of the routes in controllers/integrity.controller.ts (held to the handlers by response-contract.ts). */
import { ApiProperty } from '@nestjs/swagger';

export class AuditChainCheckDto {
  @ApiProperty({ type: Boolean })
  ok!: boolean;

  @ApiProperty({ type: Number, description: 'Links checked.' })
  sealed!: number;

  @ApiProperty({ required: false, type: String })
  firstBadSeq?: string;

  @ApiProperty({ required: false, type: String })
  auditId?: string;

  @ApiProperty({ required: false, type: String })
  problem?: string;

  @ApiProperty({ type: Number })
  entries!: number;

  @ApiProperty({ type: Number })
  unsealed!: number;
}

export class ArchiveCheckDto {
  @ApiProperty({ type: Number, description: 'Archived PDFs read back and re-hashed.' })
  blobs!: number;

  @ApiProperty({ required: false, type: String })
  documentId?: string;

  @ApiProperty({ type: Boolean })
  ok!: boolean;

  @ApiProperty({ type: Number })
  entries!: number;

  @ApiProperty({ required: false, type: String })
  firstBadSeq?: string;

  @ApiProperty({ required: false, type: String })
  problem?: string;
}

export class AttachmentCheckDto {
  @ApiProperty({ type: Boolean })
  ok!: boolean;

  @ApiProperty({ type: Number, description: 'Attachment and thumbnail files read back and re-hashed.' })
  checked!: number;

  @ApiProperty({ type: String, isArray: true })
  missing!: string[];

  @ApiProperty({ type: String, isArray: true })
  corrupted!: string[];
}

export class IntegrityReportDto {
  @ApiProperty({ type: Boolean })
  ok!: boolean;

  @ApiProperty({ type: () => AuditChainCheckDto })
  audit!: AuditChainCheckDto;

  @ApiProperty({ type: () => ArchiveCheckDto })
  archive!: ArchiveCheckDto;

  @ApiProperty({ type: () => AttachmentCheckDto })
  attachments!: AttachmentCheckDto;
}
