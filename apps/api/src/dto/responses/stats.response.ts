/** Response bodies of the routes in controllers/stats.controller.ts (held to the handlers by response-contract.ts). */
import { ApiProperty } from '@nestjs/swagger';

export class OverviewTotalsDto {
  @ApiProperty({ type: Number })
  casesInProgress!: number;

  @ApiProperty({ type: Number })
  casesClosed!: number;

  @ApiProperty({ type: Number })
  openTasks!: number;

  @ApiProperty({ type: Number })
  overdue!: number;

  @ApiProperty({ type: Number })
  dueSoon!: number;
}

export class StepLoadDto {
  @ApiProperty({ type: String })
  step!: string;

  @ApiProperty({ type: Number })
  open!: number;

  @ApiProperty({ type: Number })
  overdue!: number;
}

export class TownshipLoadDto {
  @ApiProperty({ type: String })
  code!: string;

  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ type: Number })
  casesInProgress!: number;

  @ApiProperty({ type: Number })
  openTasks!: number;

  @ApiProperty({ type: Number })
  overdue!: number;
}

export class CaseCountDto {
  @ApiProperty({ type: String })
  program!: string;

  @ApiProperty({ type: String })
  status!: string;

  @ApiProperty({ type: String, nullable: true })
  outcome!: string | null;

  @ApiProperty({ type: Number })
  count!: number;
}

export class OverdueTaskDto {
  @ApiProperty({ type: String })
  taskId!: string;

  @ApiProperty({ type: String })
  step!: string;

  @ApiProperty({ type: String })
  dueDate!: string;

  @ApiProperty({ type: Number })
  daysOverdue!: number;

  @ApiProperty({ type: String })
  caseId!: string;

  @ApiProperty({ type: String })
  caseNo!: string;

  @ApiProperty({ type: String })
  applicantName!: string;

  @ApiProperty({ type: String })
  townshipCode!: string;

  @ApiProperty({ type: String, nullable: true })
  townshipName!: string | null;

  @ApiProperty({ type: String, isArray: true })
  candidateGroups!: string[];
}

export class ProgramDurationDto {
  @ApiProperty({ type: String })
  program!: string;

  @ApiProperty({ type: Number })
  closed!: number;

  @ApiProperty({ type: Number })
  medianDays!: number;

  @ApiProperty({ type: Number })
  p90Days!: number;
}

export class StepDurationDto {
  @ApiProperty({ type: String })
  step!: string;

  @ApiProperty({ type: Number })
  completed!: number;

  @ApiProperty({ type: Number })
  averageDays!: number;
}

export class OverviewDurationsDto {
  @ApiProperty({ type: () => ProgramDurationDto, isArray: true })
  byProgram!: ProgramDurationDto[];

  @ApiProperty({ type: () => StepDurationDto, isArray: true })
  byStep!: StepDurationDto[];
}

export class OverviewDto {
  @ApiProperty({ type: String })
  today!: string;

  @ApiProperty({ type: String })
  regionCode!: string;

  @ApiProperty({ type: String, nullable: true })
  regionName!: string | null;

  @ApiProperty({ type: () => OverviewTotalsDto })
  totals!: OverviewTotalsDto;

  @ApiProperty({ type: () => StepLoadDto, isArray: true })
  openTasksByStep!: StepLoadDto[];

  @ApiProperty({ type: () => TownshipLoadDto, isArray: true })
  byTownship!: TownshipLoadDto[];

  @ApiProperty({ type: () => CaseCountDto, isArray: true })
  casesByStatus!: CaseCountDto[];

  @ApiProperty({ type: () => OverdueTaskDto, isArray: true })
  overdue!: OverdueTaskDto[];

  @ApiProperty({ type: () => OverviewDurationsDto })
  durations!: OverviewDurationsDto;
}
