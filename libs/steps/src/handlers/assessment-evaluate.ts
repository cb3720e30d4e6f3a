import { Inject, Injectable } from '@nestjs/common';
import { AssessmentResult, Household } from '@app/assessment';
import { AssessmentService, caseRepository as cases, lowIncomeFlags } from '@app/cases';
import type { ServiceCall, StepContext } from '@app/workflow';
import { ModelService } from '../model-service';

/**
 * `assessment.evaluate`, called by a service task: assesses the case's household with the
 * parameters in force and proposes eligibility, amount and hardship index to the reviewer.
 */
@Injectable()
export class AssessmentEvaluate implements ModelService {
  readonly name = 'assessment.evaluate';

  constructor(@Inject(AssessmentService) private readonly assessments: AssessmentService) {}

  async run(call: ServiceCall, step: StepContext): Promise<Record<string, unknown>> {
    const kase = await cases.byInstance(step.em, call.instanceId);
    if (!kase) throw new Error(`流程实例 ${call.instanceId} 没有对应的案件`);
    // Without recorded economic facts there is nothing to calculate; the reviewer decides alone.
    if (!kase.economics) return { assessed: false };
    const row = await this.assessments.evaluateIn(step.em, step.actorId, {
      household: kase.economics as Household,
      regionCode: kase.regionCode,
      caseId: kase.id,
    });
    const result = row.result as unknown as AssessmentResult;
    return {
      assessed: true,
      assessmentId: row.id,
      assessedEligible: Boolean(result.minimumLiving.eligible),
      suggestedAmount: result.benefit.totalMonthlyFen,
      hardshipIndex: result.hardshipIndex.score,
      // Read by the 低收入人口认定 model (低保边缘 / 刚性支出困难); other models ignore them.
      ...lowIncomeFlags(result),
    };
  }
}
