/** Response bodies of the routes in controllers/documents.controller.ts (held to the handlers by response-contract.ts). */
import { ApiProperty } from '@nestjs/swagger';

export class VerificationResultDto {
  @ApiProperty({ type: Boolean })
  genuine!: boolean;

  @ApiProperty({ type: String })
  title!: string;

  @ApiProperty({ type: String, nullable: true })
  number!: string | null;

  @ApiProperty({ type: String })
  issuer!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  issuedAt!: string;

  @ApiProperty({ type: String, nullable: true })
  pdfSha256!: string | null;

  @ApiProperty({
    required: false,
    type: Boolean,
    description: 'Present when a PDF was submitted: whether it is byte for byte the archived one.',
  })
  matchesArchive?: boolean;

  @ApiProperty({ type: String })
  message!: string;
}
