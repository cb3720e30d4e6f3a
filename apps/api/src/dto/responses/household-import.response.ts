/** Response bodies of the routes in controllers/household-import.controller.ts (held to the handlers by response-contract.ts). */
import { ApiProperty } from '@nestjs/swagger';

export class ImportResultImportedDto {
  @ApiProperty({ type: String })
  householdKey!: string;

  @ApiProperty({ type: Number, isArray: true })
  rows!: number[];

  @ApiProperty({ type: String })
  assessmentId!: string;

  @ApiProperty({ type: Boolean })
  eligible!: boolean;

  @ApiProperty({ type: Number })
  benefitMonthlyFen!: number;
}

export class ImportResultSkippedDto {
  @ApiProperty({ type: String })
  householdKey!: string;

  @ApiProperty({ type: Number, isArray: true })
  rows!: number[];
}

export class RowErrorDto {
  @ApiProperty({ type: Number })
  row!: number;

  @ApiProperty({ type: String })
  column!: string;

  @ApiProperty({ type: String })
  message!: string;
}

export class ImportResultDto {
  @ApiProperty({ type: () => ImportResultImportedDto, isArray: true })
  imported!: ImportResultImportedDto[];

  @ApiProperty({ type: () => ImportResultSkippedDto, isArray: true })
  skipped!: ImportResultSkippedDto[];

  @ApiProperty({ type: () => RowErrorDto, isArray: true })
  errors!: RowErrorDto[];
}
