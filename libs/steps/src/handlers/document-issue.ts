import { Inject, Injectable } from '@nestjs/common';
import { DocumentIssuer, IssueEffects } from '@app/cases';
import { CaseTimeLimitService, ServiceRecordService } from '@app/delivery';
import type { ServiceCall, StepContext } from '@app/workflow';
import { ModelService } from '../model-service';

/**
 * `document.issue`: freezes the document's data and template version and takes its 文号 in the
 * step's transaction (DocumentIssuer); what the document starts is delivery's: an 受理通知书 starts
 * the case time limit, a 送达回证 records the service.
 */
@Injectable()
export class DocumentIssue implements ModelService {
  readonly name = 'document.issue';
  private readonly effects: IssueEffects;

  constructor(
    @Inject(DocumentIssuer) private readonly issuer: DocumentIssuer,
    @Inject(ServiceRecordService) serviceRecords: ServiceRecordService,
    @Inject(CaseTimeLimitService) timeLimits: CaseTimeLimitService,
  ) {
    this.effects = {
      onAcceptance: (em, kase, acceptanceDate) => timeLimits.onAcceptance(em, kase, acceptanceDate),
      serveTaskAnswers: (em, instanceId) => serviceRecords.serveTaskAnswers(em, instanceId),
      recordService: (em, input) => serviceRecords.recordFromReceipt(em, input),
    };
  }

  async run(call: ServiceCall, step: StepContext): Promise<void> {
    await this.issuer.issue(call, step, this.effects);
  }
}
