import { Inject, Injectable } from '@nestjs/common';
import { AppError, shanghaiDate } from '@app/common';
import { fraudFineProblem, isLargeFine, largeFineThresholdFen, type PolicyParameters } from '@app/assessment';
import { PolicyParametersService, caseRepository as cases } from '@app/cases';
import type { ServiceCall, StepContext } from '@app/workflow';
import { ModelService } from '../model-service';

const IMPOSE_FIELDS: Record<string, string> = {
  fineAmount: '罚款数额',
  paymentMethod: '罚款缴纳方式',
  repayDeadline: '退回救助款额期限',
};

const fen = (value: unknown): number => (typeof value === 'number' ? value : Number.NaN);

/**
 * `penalty.assess` (行政处罚, 《社会救助暂行办法》第六十八条). `sa:action="propose"`: the proposed fine
 * must be 1–3× the amount obtained by fraud, and whether it is a 较大数额 fine (hearing right) follows
 * from the region's threshold in force today. `sa:action="decide"`: the fine imposed must be lawful and
 * no higher than the one proposed. A fine outside the range is refused (400) so the approver corrects it.
 */
@Injectable()
export class PenaltyAssess implements ModelService {
  readonly name = 'penalty.assess';

  constructor(@Inject(PolicyParametersService) private readonly parameters: PolicyParametersService) {}

  async run(call: ServiceCall, step: StepContext): Promise<Record<string, unknown>> {
    const v = call.variables;
    if (call.attributes.action === 'decide') {
      if (v.penaltyDecision !== 'impose') return {};
      // The 决定书 must state the penalty and how and by when it is performed (行政处罚法第五十九条).
      const missing = Object.entries(IMPOSE_FIELDS).filter(([id]) => v[id] === undefined || v[id] === '');
      if (missing.length) {
        throw AppError.validation(
          `给予行政处罚的，请填写${missing.map(([, label]) => `“${label}”`).join('、')}`,
          missing.map(([field, label]) => ({ field, message: `请填写“${label}”` })),
        );
      }
      const problem = fraudFineProblem(fen(v.fraudAmount), fen(v.fineAmount), fen(v.proposedFine));
      if (problem) throw AppError.validation(problem, [{ field: 'fineAmount', message: problem }]);
      return {};
    }
    const problem = fraudFineProblem(fen(v.fraudAmount), fen(v.proposedFine));
    if (problem) throw AppError.validation(problem, [{ field: 'proposedFine', message: problem }]);
    const kase = await cases.byInstance(step.em, call.instanceId);
    if (!kase) throw new Error(`流程实例 ${call.instanceId} 没有对应的案件`);
    const row = await this.parameters.resolve(step.em, kase.regionCode, shanghaiDate(step.now));
    const threshold = largeFineThresholdFen(row.parameters as unknown as PolicyParameters);
    return { hearingRight: isLargeFine(fen(v.proposedFine), threshold), largeFineThreshold: threshold };
  }
}
