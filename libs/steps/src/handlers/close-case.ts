import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { caseRepository as cases } from '@app/cases';
import type { EndCall, StepContext } from '@app/workflow';
import { EndStep } from '../model-service';

/** At any end event: the case is closed with the end's outcome and, if confirmed, the decided benefit. */
@Injectable()
export class CloseCase implements EndStep {
  readonly name = 'close-case';

  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  async run(end: EndCall, step: StepContext): Promise<void> {
    const kase = await cases.byInstance(step.em, end.instanceId);
    if (!kase) return;
    // The benefit on record is the one the served decision states: read it from its frozen snapshot.
    const decision =
      end.outcome === 'confirmed'
        ? (await cases.documents(step.em, kase.id))
            .reverse()
            .map((d) => d.data.form ?? {})
            .find((form) => typeof form.amount === 'number')
        : undefined;
    await cases.update(step.em, kase.id, {
      status: 'closed',
      outcome: end.outcome,
      benefitAmountFen: decision ? Number(decision.amount) : null,
      benefitStartMonth: decision ? String(decision.startMonth) : null,
      updatedAt: step.now,
    });
    await this.audit.record(step.em, {
      at: step.now,
      actorId: step.actorId,
      action: 'case.closed',
      caseId: kase.id,
      detail: { outcome: end.outcome },
    });
  }
}
