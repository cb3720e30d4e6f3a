/** Response bodies of the routes in controllers/demo.controller.ts (held to the handlers by response-contract.ts). */
import { ApiProperty } from '@nestjs/swagger';

export class ClockAdvancedDto {
  @ApiProperty({ type: String, format: 'date-time' })
  now!: string;

  @ApiProperty({ type: Number })
  firedTimers!: number;
}
