import { Inject, Injectable } from '@nestjs/common';
import { DocumentIssuer, IssueEffects } from '@app/cases';
import { CaseTimeLimitService, ServiceRecordService } from '@app/delivery';
import type { ServiceCall, StepContext } from '@app/workflow';
import { NotificationOutbox, applicantNoticeFor, servedNotice } from '@app/notifications';
import { shanghaiDate } from '@app/common';
import { ModelService } from '../model-service';

/**
 * `document.issue`: freezes the document's data and template version and takes its 文号 in the
 * step's transaction (DocumentIssuer); what the document starts is delivery's: an 受理通知书 starts
 * the case time limit, a 送达回证 records the service; what the applicant is told is queued in the
 * outbox in the same transaction (so a step that rolls back tells nobody anything).
 */
@Injectable()
export class DocumentIssue implements ModelService {
  readonly name = 'document.issue';
  private readonly effects: IssueEffects;

  constructor(
    @Inject(DocumentIssuer) private readonly issuer: DocumentIssuer,
    @Inject(ServiceRecordService) serviceRecords: ServiceRecordService,
    @Inject(CaseTimeLimitService) timeLimits: CaseTimeLimitService,
    @Inject(NotificationOutbox) outbox: NotificationOutbox,
  ) {
    this.effects = {
      onAcceptance: (em, kase, acceptanceDate) => timeLimits.onAcceptance(em, kase, acceptanceDate),
      serveTaskAnswers: (em, instanceId) => serviceRecords.serveTaskAnswers(em, instanceId),
      recordService: async (em, input) => {
        await serviceRecords.recordFromReceipt(em, input);
        const data = input.receipt.data as { served?: { title?: string }; form?: { serviceDate?: unknown } };
        if (data.served?.title && typeof data.form?.serviceDate === 'string')
          await outbox.toApplicant(
            em,
            input.kase,
            servedNotice({
              receiptId: input.receipt.id,
              title: data.served.title,
              servedOn: data.form.serviceDate,
            }),
            input.now,
          );
      },
      onIssued: async (em, { kase, document, manifest, now }) => {
        const notice = applicantNoticeFor({
          id: document.id,
          title: document.title,
          number: document.number,
          issuedOn: shanghaiDate(document.issuedAt),
          manifest,
          data: document.data as Parameters<typeof applicantNoticeFor>[0]['data'],
        });
        if (notice) await outbox.toApplicant(em, kase, notice, now);
      },
    };
  }

  /** A 公示 sets `publicNoticeEndDate` and `publicNoticeWait`, which the model's 公示 timer reads. */
  run(call: ServiceCall, step: StepContext): Promise<Record<string, unknown>> {
    return this.issuer.issue(call, step, this.effects);
  }
}
