/** Response bodies of the routes in controllers/health.controller.ts (held to the handlers by response-contract.ts). */
import { ApiProperty } from '@nestjs/swagger';

/** A background sweep's backlog; `unknown` (and nothing else) when it could not be read. */
export class BacklogDto {
  @ApiProperty({ enum: ['ok', 'behind', 'off', 'unknown'] })
  state!: 'ok' | 'behind' | 'off' | 'unknown';

  @ApiProperty({ required: false, type: Number, description: 'How many are waiting.' })
  waiting?: number;

  @ApiProperty({ required: false, type: String, format: 'date-time', nullable: true })
  oldestAt?: string | null;

  @ApiProperty({ required: false, type: Number, nullable: true, description: 'Its age in milliseconds.' })
  oldestAgeMs?: number | null;
}

export class HealthDto {
  @ApiProperty({ type: String })
  status!: string;

  @ApiProperty({ type: String })
  database!: string;

  @ApiProperty({ enum: ['ok', 'stalled', 'off'] })
  timerPoller!: 'ok' | 'stalled' | 'off';

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  timerPollerLastRun!: string | null;

  @ApiProperty({ type: () => BacklogDto })
  auditSealer!: BacklogDto;

  @ApiProperty({ type: () => BacklogDto })
  documentPipeline!: BacklogDto;
}
