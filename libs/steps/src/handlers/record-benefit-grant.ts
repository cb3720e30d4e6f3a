import { Inject, Injectable } from '@nestjs/common';
import { BenefitLedger } from '@app/benefits';
import type { EndCall, StepContext } from '@app/workflow';
import { EndStep } from '../model-service';

/** At the end of a confirmed application: the grant opens the benefit ledger (动态管理). */
@Injectable()
export class RecordBenefitGrant implements EndStep {
  readonly name = 'record-benefit-grant';

  constructor(@Inject(BenefitLedger) private readonly ledger: BenefitLedger) {}

  run(end: EndCall, step: StepContext): Promise<void> {
    return this.ledger.recordGrant(end, step);
  }
}
