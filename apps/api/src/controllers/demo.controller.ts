import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { AppError, Clock } from '@app/common';
import { AuditService } from '@app/audit';
import { AuthService, AuthUser, CurrentUser, Requires } from '@app/auth';
import { TimerPoller } from '@app/workflow';
import { NotificationDispatcher } from '@app/notifications';
import { ClockAdvancedDto } from '../dto/responses/demo.response';
import { ClockStore } from '../demo/clock-store';

class AdvanceClockDto {
  @ApiProperty({ example: 8, description: '向前拨动的天数' })
  @IsInt({ message: '天数必须是整数' })
  @Min(1, { message: '天数至少为1' })
  @Max(60, { message: '天数不能超过60' })
  days!: number;
}

/**
 * Demo only: moves the application clock of every API process of the deployment so a walkthrough
 * can pass the 7-day 公示 without waiting (timers fire, deadline reminders go out). Refused unless
 * the server runs with demo data (DEMO_SEED is not "off").
 */
@ApiTags('演示')
@ApiBearerAuth()
@Controller('demo')
export class DemoController {
  constructor(
    private readonly clock: Clock,
    private readonly poller: TimerPoller,
    private readonly notifications: NotificationDispatcher,
    private readonly store: ClockStore,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  @ApiOkResponse({ type: ClockAdvancedDto })
  @Post('clock')
  @Requires('demo.clock')
  @HttpCode(200)
  async advance(@CurrentUser() user: AuthUser, @Body() body: AdvanceClockDto) {
    if (process.env.DEMO_SEED === 'off') throw AppError.forbidden('仅演示环境可拨动时钟');
    const ms = body.days * 86_400_000;
    // Sessions move in the same transaction: a process that already tells the new time must not
    // find its signed-in users idle for the days moved. The move is an act on the record: it ends
    // 公示 periods and time limits of every case. Its entry carries the time it was made; the jump
    // itself happens at the switch instant that every process knows of in advance.
    const jump = await this.store.advance(ms, async (em, move) => {
      await this.auth.clockMoved(em, ms);
      await this.audit.record(em, {
        actorId: user.id,
        action: 'demo.clock.move',
        at: this.clock.now(),
        detail: {
          days: body.days,
          from: move.from.toISOString(),
          to: move.to.toISOString(),
        },
      });
    });
    // Timers the jump made due, fired by this process or by another's poller meanwhile.
    const fired = await this.poller.fireJump(jump.from, jump.to);
    // Deadlines reached by the jump are reminded and escalated now, as the next poll would.
    await this.notifications.poll(this.clock.now());
    return { now: this.clock.now(), firedTimers: fired };
  }
}
