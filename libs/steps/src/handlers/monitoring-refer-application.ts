import { Inject, Injectable } from '@nestjs/common';
import { MonitoringService } from '@app/supervision';
import type { ServiceCall, StepContext } from '@app/workflow';
import { ModelService } from '../model-service';

/** `monitoring.referApplication` (动态监测预警), 干预: records the program the joint review chose as a referral "已告知并协助申请"; no application in the family's name. */
@Injectable()
export class MonitoringReferApplication implements ModelService {
  readonly name = 'monitoring.referApplication';

  constructor(@Inject(MonitoringService) private readonly monitoring: MonitoringService) {}

  run(call: ServiceCall, step: StepContext): Promise<Record<string, unknown>> {
    return this.monitoring.referApplication(call, step);
  }
}
