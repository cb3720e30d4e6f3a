import { Inject, Injectable } from '@nestjs/common';
import { BenefitLedger } from '@app/benefits';
import type { ServiceCall, StepContext } from '@app/workflow';
import { ModelService } from '../model-service';

/** `benefit.plan` (动态管理): runs where a decision is taken, before its document is issued: checks what a form cannot say and sets the variables the decision prints. */
@Injectable()
export class BenefitPlan implements ModelService {
  readonly name = 'benefit.plan';

  constructor(@Inject(BenefitLedger) private readonly ledger: BenefitLedger) {}

  run(call: ServiceCall, step: StepContext): Promise<Record<string, unknown>> {
    return this.ledger.plan(call, step);
  }
}
