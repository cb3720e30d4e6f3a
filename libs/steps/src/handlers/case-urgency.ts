import { Injectable } from '@nestjs/common';
import { CASE_URGENCY_LABELS, caseRepository as cases, isCaseUrgency } from '@app/cases';
import type { ServiceCall, StepContext } from '@app/workflow';
import { ModelService } from '../model-service';

/**
 * `case.urgency` (临时救助): stores the process variable `urgency` (四色) on the case, right after
 * start and whenever a later step re-tags it.
 */
@Injectable()
export class CaseUrgency implements ModelService {
  readonly name = 'case.urgency';

  async run(call: ServiceCall, step: StepContext): Promise<Record<string, unknown>> {
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
}
