import { Inject, Injectable } from '@nestjs/common';
import { MonitoringService } from '@app/supervision';
import type { ServiceCall, StepContext } from '@app/workflow';
import { ModelService } from '../model-service';

/** `monitoring.match` (动态监测预警), 数据比对: the warning's person against the cases in every program, by resident ID. */
@Injectable()
export class MonitoringMatch implements ModelService {
  readonly name = 'monitoring.match';

  constructor(@Inject(MonitoringService) private readonly monitoring: MonitoringService) {}

  run(call: ServiceCall, step: StepContext): Promise<Record<string, unknown>> {
    return this.monitoring.match(call, step);
  }
}
