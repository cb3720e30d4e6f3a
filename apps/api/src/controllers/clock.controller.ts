import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Clock } from '@app/common';
import { Requires } from '@app/auth';
import { AppClockDto } from '../dto/responses/demo.response';

/** The application clock as the web needs it: date fields default to its day, not the browser's. */
@ApiTags('演示')
@ApiBearerAuth()
@Controller('clock')
export class ClockController {
  constructor(private readonly clock: Clock) {}

  /** The application clock, which date fields default to, and whether this is a demo installation. */
  @ApiOkResponse({ type: AppClockDto })
  @Get()
  @Requires('reference.read')
  now(): AppClockDto {
    const now = this.clock.now();
    return {
      now: now.toISOString(),
      today: this.clock.today(),
      demo: process.env.DEMO_SEED !== 'off',
      offsetDays: Math.round(((now.getTime() - Date.now()) / 86_400_000) * 10) / 10,
    };
  }
}
