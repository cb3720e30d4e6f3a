/** Response bodies of the routes in controllers/reports.controller.ts (held to the handlers by response-contract.ts). */
import { ApiProperty } from '@nestjs/swagger';

export class TownshipOverdueOverdueByStepsDto {
  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ type: Number })
  count!: number;
}

export class TownshipOverdueOldestOverdueDto {
  @ApiProperty({ type: String })
  caseNo!: string;

  @ApiProperty({ type: String })
  taskName!: string;

  @ApiProperty({ type: String })
  dueDate!: string;

  @ApiProperty({ type: Number })
  daysOverdue!: number;
}

export class TownshipOverdueDto {
  @ApiProperty({ type: String })
  township!: string;

  @ApiProperty({ type: String })
  townshipName!: string;

  @ApiProperty({ type: Number })
  openTasks!: number;

  @ApiProperty({ type: Number })
  overdueTasks!: number;

  @ApiProperty({
    type: () => TownshipOverdueOverdueByStepsDto,
    isArray: true,
    description: 'Overdue open tasks by step name, most first.',
  })
  overdueBySteps!: TownshipOverdueOverdueByStepsDto[];

  @ApiProperty({ type: Number })
  casesPastLimit!: number;

  @ApiProperty({ type: String, isArray: true })
  casesPastLimitNos!: string[];

  @ApiProperty({ type: () => TownshipOverdueOldestOverdueDto, nullable: true })
  oldestOverdue!: TownshipOverdueOldestOverdueDto | null;
}

export class OverdueReportDto {
  @ApiProperty({ type: String })
  asOf!: string;

  @ApiProperty({ type: String })
  region!: string;

  @ApiProperty({ type: () => TownshipOverdueDto, isArray: true })
  townships!: TownshipOverdueDto[];
}
