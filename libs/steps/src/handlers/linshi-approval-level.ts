import { Inject, Injectable } from '@nestjs/common';
import { shanghaiDate } from '@app/common';
import type { PolicyParameters } from '@app/assessment';
import {
  PolicyParametersService,
  approvalLevel,
  caseRepository as cases,
  townshipApprovalLimitFen,
} from '@app/cases';
import type { ServiceCall, StepContext } from '@app/workflow';
import { ModelService } from '../model-service';

/**
 * `linshi.approvalLevel` (临时救助): who approves the proposed one-off amount — the township under
 * the county's entrustment up to the region's limit (policy parameter), else the county.
 */
@Injectable()
export class LinshiApprovalLevel implements ModelService {
  readonly name = 'linshi.approvalLevel';

  constructor(@Inject(PolicyParametersService) private readonly parameters: PolicyParametersService) {}

  async run(call: ServiceCall, step: StepContext): Promise<Record<string, unknown>> {
    const kase = await cases.byInstance(step.em, call.instanceId);
    if (!kase) throw new Error(`流程实例 ${call.instanceId} 没有对应的案件`);
    const row = await this.parameters.resolve(step.em, kase.regionCode, shanghaiDate(step.now));
    const limit = townshipApprovalLimitFen(row.parameters as unknown as PolicyParameters);
    const amount = call.variables.proposedAmount ?? call.variables.requestedAmount;
    return { approvalLevel: approvalLevel(amount, limit), townshipApprovalLimit: limit };
  }
}
