/** Response bodies of the routes in controllers/calendar.controller.ts (held to the handlers by response-contract.ts). */
import { ApiProperty } from '@nestjs/swagger';

export class CalendarYearRangeDto {
  @ApiProperty({ type: Number })
  from!: number;

  @ApiProperty({ type: Number })
  to!: number;
}

export class CalendarLoadedYearDto {
  @ApiProperty({ type: Number })
  year!: number;

  @ApiProperty({ type: Number })
  version!: number;

  @ApiProperty({ type: String, isArray: true })
  holidays!: string[];

  @ApiProperty({ type: String, isArray: true })
  workdays!: string[];

  @ApiProperty({ type: String })
  source!: string;

  @ApiProperty({ type: String, nullable: true })
  loadedBy!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  loadedAt!: string;
}

export class CalendarOverviewDto {
  @ApiProperty({ type: Number })
  packageLastYear!: number;

  @ApiProperty({ type: () => CalendarYearRangeDto })
  packageYears!: CalendarYearRangeDto;

  @ApiProperty({ type: () => CalendarLoadedYearDto, isArray: true })
  loaded!: CalendarLoadedYearDto[];

  @ApiProperty({ type: String })
  today!: string;
}

export class LoadedYearDto {
  @ApiProperty({ type: Number })
  id!: number;

  @ApiProperty({ type: Number })
  version!: number;

  @ApiProperty({ type: String })
  source!: string;

  @ApiProperty({ type: String, nullable: true })
  loadedBy!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  loadedAt!: string;

  @ApiProperty({ type: Number })
  year!: number;

  @ApiProperty({ type: String, isArray: true })
  holidays!: string[];

  @ApiProperty({ type: String, isArray: true })
  workdays!: string[];
}

export class CalendarYearDto {
  @ApiProperty({ type: Number })
  year!: number;

  @ApiProperty({ enum: ['loaded', 'package'], nullable: true })
  source!: 'loaded' | 'package' | null;

  @ApiProperty({ type: () => LoadedYearDto, isArray: true })
  history!: LoadedYearDto[];
}
