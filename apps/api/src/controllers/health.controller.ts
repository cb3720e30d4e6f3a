import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { Database } from '@app/persistence';
import { TimerPoller } from '@app/workflow';

@ApiTags('运行状态')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: Database,
    private readonly poller: TimerPoller,
  ) {}

  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: { status(code: number): void }) {
    let database = 'ok';
    try {
      await this.db.read((em) => em.query('SELECT 1'));
    } catch {
      database = 'down';
    }
    const timerPoller = this.poller.health();
    const ok = database === 'ok' && timerPoller !== 'stalled';
    if (!ok) res.status(503);
    return {
      status: ok ? 'ok' : 'unavailable',
      database,
      timerPoller,
      timerPollerLastRun: this.poller.lastPollAt,
    };
  }
}
