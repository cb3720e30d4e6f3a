import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { NotificationChannel, NotificationOutboxEntity } from '@app/persistence';
import { EmailSender } from './channels/senders';
import { notificationRepository as repo } from './notification.repository';
import { addressKind } from './notify-rules';

export interface Notice {
  /** What happened, e.g. `applicant.acceptance`; part of the dedupe key. */
  event: string;
  subject: string;
  body: string;
  /** Distinguishes two notices of the same event on one case (a document id, a task id). */
  ref: string;
}

/**
 * Queues messages in the caller's transaction (the step's): they exist exactly when the step
 * committed. Each queued notice is recorded on the case's timeline.
 */
@Injectable()
export class NotificationOutbox {
  constructor(
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(EmailSender) private readonly email: EmailSender,
  ) {}

  /**
   * Tells the applicant: in the portal's message centre; by e-mail or SMS too when they gave an
   * electronic-service address, else by SMS to the phone on the application. With no portal
   * account and no address or phone nobody can read it: the case records it as undeliverable, so
   * the file never claims a notice was sent, and the paper served stays the only notice.
   */
  async toApplicant(
    em: EntityManager,
    kase: { id: string; applicantPhone: string | null },
    notice: Notice,
    now: Date,
  ): Promise<void> {
    const targets: { channel: NotificationChannel; recipient: Record<string, string> }[] = [];
    const address = await repo.electronicAddress(em, kase.id);
    const kind = address ? addressKind(address) : null;
    if (kind === 'email' && this.email.configured)
      targets.push({ channel: 'email', recipient: { email: address!.trim() } });
    const phone = kind === 'sms' ? address!.trim() : kase.applicantPhone;
    if (phone && addressKind(phone) === 'sms') targets.push({ channel: 'sms', recipient: { phone } });
    if (targets.length || (await repo.applicantHasAccount(em, kase.id)))
      targets.unshift({ channel: 'portal', recipient: {} });
    if (!targets.length) {
      await this.audit.record(em, {
        at: now,
        actorId: null,
        action: 'notification.undeliverable',
        caseId: kase.id,
        detail: {
          event: notice.event,
          subject: notice.subject,
          channels: [],
          reason: '申请人无门户账户，未留联系电话或电子送达地址，无法通知，以书面送达为准',
        },
      });
      return;
    }
    await this.queue(em, kase.id, notice, targets, now);
  }

  /** Tells the staff holding a role over the case's region, in the workbench's message centre. */
  async toStaff(
    em: EntityManager,
    target: { caseId: string; role: string; regionCode: string },
    notice: Notice,
    now: Date,
  ): Promise<void> {
    await this.queue(
      em,
      target.caseId,
      notice,
      [{ channel: 'staff', recipient: { role: target.role, regionCode: target.regionCode } }],
      now,
    );
  }

  private async queue(
    em: EntityManager,
    caseId: string,
    notice: Notice,
    targets: { channel: NotificationChannel; recipient: Record<string, string> }[],
    now: Date,
  ): Promise<void> {
    const rows = targets.map((t): NotificationOutboxEntity => ({
      id: randomUUID(),
      caseId,
      event: notice.event,
      channel: t.channel,
      recipient: t.recipient,
      subject: notice.subject,
      body: notice.body,
      dedupeKey: `${notice.event}:${notice.ref}:${t.channel}`,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      createdAt: now,
      sentAt: null,
    }));
    const inserted = await repo.insertMany(em, rows);
    const queued = rows.filter((r) => inserted.has(r.id)).map((r) => r.channel);
    if (!queued.length) return;
    await this.audit.record(em, {
      at: now,
      actorId: null,
      action: 'notification.queue',
      caseId,
      detail: { event: notice.event, subject: notice.subject, channels: queued },
    });
  }
}
