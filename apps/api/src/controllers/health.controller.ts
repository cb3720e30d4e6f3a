import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { Clock, timerPollIntervalMs } from '@app/common';
import { Database } from '@app/persistence';
import { TimerPoller } from '@app/workflow';
import { Backlog, judgeBacklog } from '../health/backlog';
import { healthRepository as health } from '../health/health.repository';
import { HealthDto } from '../dto/responses/health.response';

/**
 * 503 only when the API cannot do its work (database unreachable, timer poller stalled). A sealer
 * or document pipeline that is behind is reported as `degraded` with 200: requests still succeed,
 * and the backlog is finished by the next sweeps or at the next start.
 */
@ApiTags('运行状态')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: Database,
    private readonly poller: TimerPoller,
    private readonly clock: Clock,
  ) {}

  @Public()
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: '数据库不可用或定时任务停滞' })
  @Get()
  async health(@Res({ passthrough: true }) res: { status(code: number): void }) {
    let database = 'ok';
    let auditSealer: Backlog | { state: 'unknown' } = { state: 'unknown' };
    let documentPipeline: Backlog | { state: 'unknown' } = { state: 'unknown' };
    try {
      const [audit, documents] = await this.db.read(async (em) => {
        await health.ping(em);
        return [await health.unsealedAudit(em), await health.pendingDocuments(em)];
      });
      const now = this.clock.now();
      const intervalMs = timerPollIntervalMs();
      auditSealer = judgeBacklog({ intervalMs, now, ...audit });
      documentPipeline = judgeBacklog({ intervalMs, now, ...documents });
    } catch {
      database = 'down';
    }
    const timerPoller = this.poller.health();
    const ok = database === 'ok' && timerPoller !== 'stalled';
    const behind = auditSealer.state === 'behind' || documentPipeline.state === 'behind';
    if (!ok) res.status(503);
    return {
      status: ok ? (behind ? 'degraded' : 'ok') : 'unavailable',
      database,
      timerPoller,
      timerPollerLastRun: this.poller.lastPollAt,
      auditSealer,
      documentPipeline,
    };
  }
}
