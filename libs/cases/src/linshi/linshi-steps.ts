import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { shanghaiDate } from '@app/common';
import type { PolicyParameters } from '@app/assistance';
import { ServiceCall, ServiceRegistry, StepContext } from '@app/workflow';
import { caseRepository as cases } from '../case.repository';
import { PolicyParametersService } from '../policy/policy-parameters.service';
import { approvalLevel, CASE_URGENCY_LABELS, isCaseUrgency, townshipApprovalLimitFen } from './linshi-rules';

/**
 * Services the 临时救助 model calls by name:
 * - `case.urgency`: stores the process variable `urgency` (四色) on the case, right after start and
 *   whenever a later step re-tags it;
 * - `linshi.approvalLevel`: who approves the proposed one-off amount — the township under the
 *   county's entrustment up to the region's limit (policy parameter), else the county.
 */
@Injectable()
export class LinshiSteps implements OnModuleInit {
  constructor(
    @Inject(ServiceRegistry) private readonly registry: ServiceRegistry,
    @Inject(PolicyParametersService) private readonly parameters: PolicyParametersService,
  ) {}

  onModuleInit(): void {
    this.registry.register('case.urgency', (call, step) => this.tagUrgency(call, step));
    this.registry.register('linshi.approvalLevel', (call, step) => this.approvalLevel(call, step));
  }

  async tagUrgency(call: ServiceCall, step: StepContext): Promise<Record<string, unknown>> {
    const urgency = call.variables.urgency;
    if (urgency === undefined || urgency === null || urgency === '') return {};
    if (!isCaseUrgency(urgency)) {
      throw new Error(`紧急程度“${String(urgency)}”无效，应为 red、yellow、blue 或 green`);
    }
    const kase = await cases.byInstance(step.em, call.instanceId);
    if (!kase) throw new Error(`流程实例 ${call.instanceId} 没有对应的案件`);
    await cases.update(step.em, kase.id, { urgency, updatedAt: step.now });
    return { urgencyLabel: CASE_URGENCY_LABELS[urgency] };
  }

  async approvalLevel(call: ServiceCall, step: StepContext): Promise<Record<string, unknown>> {
    const kase = await cases.byInstance(step.em, call.instanceId);
    if (!kase) throw new Error(`流程实例 ${call.instanceId} 没有对应的案件`);
    const row = await this.parameters.resolve(step.em, kase.regionCode, shanghaiDate(step.now));
    const limit = townshipApprovalLimitFen(row.parameters as unknown as PolicyParameters);
    const amount = call.variables.proposedAmount ?? call.variables.requestedAmount;
    return { approvalLevel: approvalLevel(amount, limit), townshipApprovalLimit: limit };
  }
}
