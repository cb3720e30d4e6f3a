import { Inject, Injectable } from '@nestjs/common';
import { MonitoringService } from '@app/supervision';
import type { ServiceCall, StepContext } from '@app/workflow';
import { ModelService } from '../model-service';

/** `monitoring.startApplication` (动态监测预警), 干预: starts the application the joint review chose, as a child case of the warning. */
@Injectable()
export class MonitoringStartApplication implements ModelService {
  readonly name = 'monitoring.startApplication';

  constructor(@Inject(MonitoringService) private readonly monitoring: MonitoringService) {}

  run(call: ServiceCall, step: StepContext): Promise<Record<string, unknown>> {
    return this.monitoring.startApplication(call, step);
  }
}
