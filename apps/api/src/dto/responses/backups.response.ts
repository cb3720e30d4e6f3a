/** Response bodies of the routes in controllers/backups.controller.ts (held to the handlers by response-contract.ts). */
import { ApiProperty } from '@nestjs/swagger';

export class BackupFileInfoDto {
  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ type: Number })
  bytes!: number;

  @ApiProperty({ type: String })
  createdAt!: string;
}

export class BackupListDto {
  @ApiProperty({ type: String })
  directory!: string;

  @ApiProperty({ type: () => BackupFileInfoDto, isArray: true })
  files!: BackupFileInfoDto[];
}

export class BackupCountsDto {
  @ApiProperty({ type: Number })
  cases!: number;

  @ApiProperty({ type: Number })
  documents!: number;

  @ApiProperty({ type: Number })
  documentsArchived!: number;

  @ApiProperty({ type: Number })
  documentsPending!: number;

  @ApiProperty({ type: Number })
  attachments!: number;

  @ApiProperty({ type: Number })
  auditEntries!: number;

  @ApiProperty({ type: Number })
  auditSealed!: number;

  @ApiProperty({ type: Number })
  ledgerEntries!: number;
}

export class OnlineBackupResultDto {
  @ApiProperty({ type: Number })
  ms!: number;

  @ApiProperty({ type: () => BackupCountsDto })
  counts!: BackupCountsDto;

  @ApiProperty({ type: String, nullable: true })
  ledgerHead!: string | null;

  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ type: Number })
  bytes!: number;

  @ApiProperty({ type: String })
  createdAt!: string;
}
