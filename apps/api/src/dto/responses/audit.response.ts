/** Response bodies of the routes in controllers/audit.controller.ts (held to the handlers by response-contract.ts). */
import { ApiProperty } from '@nestjs/swagger';
import { RequestOriginDto } from './shared.response';

export class AuditListEntryDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  at!: string;

  @ApiProperty({ type: String, nullable: true })
  actorId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The actor's name as it was when they acted." })
  actorName!: string | null;

  @ApiProperty({ type: String, nullable: true })
  actorRole!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The actor's region when they acted." })
  actorRegionCode!: string | null;

  @ApiProperty({ type: String })
  action!: string;

  @ApiProperty({ type: String, nullable: true })
  caseId!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  detail!: Record<string, unknown> | null;

  @ApiProperty({ type: () => RequestOriginDto, nullable: true })
  origin!: RequestOriginDto | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "The entry's place on the hash chain; null until sealed (within one poll interval).",
  })
  chainSeq!: string | null;
}

export class AuditPageDto {
  @ApiProperty({ type: () => AuditListEntryDto, isArray: true })
  entries!: AuditListEntryDto[];

  @ApiProperty({ type: String, nullable: true })
  nextBefore!: string | null;
}
