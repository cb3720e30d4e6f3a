import { Inject, Injectable } from '@nestjs/common';
import { BenefitLedger } from '@app/benefits';
import type { ServiceCall, StepContext } from '@app/workflow';
import { ModelService } from '../model-service';

/** `benefit.apply` (动态管理): records the change a procedure decided in the benefit ledger of the root beneficiary case. */
@Injectable()
export class BenefitApply implements ModelService {
  readonly name = 'benefit.apply';

  constructor(@Inject(BenefitLedger) private readonly ledger: BenefitLedger) {}

  run(call: ServiceCall, step: StepContext): Promise<Record<string, unknown>> {
    return this.ledger.apply(call, step);
  }
}
