import { Inject, Injectable } from '@nestjs/common';
import { MonitoringService } from '@app/supervision';
import type { ServiceCall, StepContext } from '@app/workflow';
import { ModelService } from '../model-service';

/**
 * `monitoring.startApplication`: the name older versions of the warning loop call at 干预. Warnings
 * still running on them get what the current version does, a referral "已告知并协助申请": opening an
 * application (and its 申请书、声明、授权书) in the family's name without their application was the
 * defect, not a behaviour to keep for old cases.
 */
@Injectable()
export class MonitoringStartApplication implements ModelService {
  readonly name = 'monitoring.startApplication';

  constructor(@Inject(MonitoringService) private readonly monitoring: MonitoringService) {}

  run(call: ServiceCall, step: StepContext): Promise<Record<string, unknown>> {
    return this.monitoring.referApplication(call, step);
  }
}
