/** Response bodies of the routes in controllers/attachments.controller.ts (held to the handlers by response-contract.ts). */
import { ApiProperty } from '@nestjs/swagger';

export class UserRefDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  name!: string;
}

export class AttachmentVoidDto {
  @ApiProperty({ type: String, format: 'date-time' })
  at!: string;

  @ApiProperty({ type: String })
  by!: string;

  @ApiProperty({ type: String })
  reason!: string;
}

export class AttachmentDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  caseId!: string;

  @ApiProperty({ type: String })
  kind!: string;

  @ApiProperty({ type: String })
  fileName!: string;

  @ApiProperty({ type: String })
  contentType!: string;

  @ApiProperty({ type: Number })
  size!: number;

  @ApiProperty({ type: String })
  sha256!: string;

  @ApiProperty({ type: Boolean })
  hasThumbnail!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  takenAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  place!: string | null;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({ type: () => UserRefDto })
  uploadedBy!: UserRefDto;

  @ApiProperty({ type: String, format: 'date-time' })
  uploadedAt!: string;

  @ApiProperty({ type: () => AttachmentVoidDto, nullable: true })
  voided!: AttachmentVoidDto | null;
}
