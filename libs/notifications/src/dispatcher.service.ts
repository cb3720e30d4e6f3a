import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock, shanghaiDate, timerPollIntervalMs } from '@app/common';
import { AuditService } from '@app/audit';
import { Database, NotificationOutboxEntity } from '@app/persistence';
import { CalendarProvider, WorkingCalendar, plusDays } from '@app/workflow';
import { AmqpTransport } from './amqp-transport';
import { EmailSender, SmsProvider } from './channels/senders';
import { notificationRepository as repo } from './notification.repository';
import { NotificationOutbox } from './outbox.service';
import { MAX_ATTEMPTS, SUPERVISOR_OF, cnDate, deadlineAlert, retryDelayMs } from './notify-rules';

/** How long a claimed row is held by its sender before another process may claim it again. */
const LEASE_MS = 5 * 60_000;

/**
 * Delivers the outbox after commit, on the timer poller's schedule: the message centre in the
 * claiming transaction, e-mail and SMS outside it (a slow server must not hold a transaction open),
 * through RabbitMQ when `AMQP_URL` is set. A failure is retried with a growing delay, up to
 * MAX_ATTEMPTS. Each poll first queues the staff deadline reminders and escalations that are due.
 */
@Injectable()
export class NotificationDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private readonly intervalMs = timerPollIntervalMs();
  private handle: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private amqp: AmqpTransport | null = null;

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(CalendarProvider) private readonly calendars: CalendarProvider,
    @Inject(NotificationOutbox) private readonly outbox: NotificationOutbox,
    @Inject(EmailSender) private readonly email: EmailSender,
    @Inject(SmsProvider) private readonly sms: SmsProvider,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const url = process.env.AMQP_URL;
    if (url) {
      const transport = new AmqpTransport(url, process.env.AMQP_QUEUE ?? 'sa.notifications');
      try {
        await transport.start((id) => this.deliverQueued(id));
        this.amqp = transport;
      } catch (err) {
        // The database outbox alone still delivers; the transport is an optimisation of fan-out.
        this.logger.error(`无法连接 RabbitMQ（${(err as Error).message}），改由数据库发件箱直接投递`);
      }
    }
    if (this.intervalMs > 0) this.handle = setInterval(() => void this.poll(), this.intervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.handle) clearInterval(this.handle);
    await this.running;
    await this.amqp?.stop();
  }

  /** True when RabbitMQ carries the outbox. */
  get transport(): 'amqp' | 'database' {
    return this.amqp ? 'amqp' : 'database';
  }

  /** Queues due reminders, then hands every due row to its channel; returns how many were handled. */
  poll(now: Date = this.clock.now()): Promise<number> {
    if (!this.running) this.running = this.drain(now).finally(() => (this.running = null));
    return this.running;
  }

  private async drain(now: Date): Promise<number> {
    let count = 0;
    try {
      await this.queueDeadlineAlerts(now);
      for (;;) {
        const claimed = await this.db.transaction((em) => this.claim(em, now));
        if (!claimed) break;
        count++;
        if (claimed === 'done') continue;
        if (this.amqp) await this.amqp.publish(claimed.id);
        else await this.deliver(claimed);
      }
    } catch (err) {
      this.logger.error(`通知投递失败：${(err as Error).message}`);
    }
    return count;
  }

  /** The message centre is a table: written and marked sent in the claim. Others get a lease. */
  private async claim(
    em: Parameters<Parameters<Database['transaction']>[0]>[0],
    now: Date,
  ): Promise<NotificationOutboxEntity | 'done' | null> {
    const row = await repo.claimDue(em, now);
    if (!row) return null;
    if (row.channel === 'portal' || row.channel === 'staff') {
      await repo.insertMessage(em, {
        id: randomUUID(),
        outboxId: row.id,
        caseId: row.caseId,
        audience: row.channel === 'portal' ? 'applicant' : 'staff',
        role: row.recipient.role ?? null,
        regionCode: row.recipient.regionCode ?? null,
        subject: row.subject,
        body: row.body,
        createdAt: now,
        readAt: null,
      });
      await repo.update(em, row.id, { status: 'sent', attempts: row.attempts + 1, sentAt: now });
      await this.recordSent(em, row, now, null);
      return 'done';
    }
    const attempts = row.attempts + 1;
    await repo.update(em, row.id, {
      status: 'queued',
      attempts,
      nextAttemptAt: new Date(now.getTime() + LEASE_MS),
    });
    return { ...row, attempts, status: 'queued' };
  }

  /** The AMQP consumer's side: the row as stored, if it is still waiting for a sender. */
  private async deliverQueued(id: string): Promise<void> {
    const row = await this.db.read((em) => repo.byId(em, id));
    if (row && row.status === 'queued') await this.deliver(row);
  }

  private async deliver(row: NotificationOutboxEntity): Promise<void> {
    let note: string | null = null;
    try {
      if (row.channel === 'email') {
        await this.email.send({ to: row.recipient.email, subject: row.subject, text: row.body });
      } else if (row.channel === 'sms') {
        await this.sms.send({ phone: row.recipient.phone, text: `【社会救助】${row.body}` });
        if (!this.sms.delivers) note = '未接入短信服务商：仅记录于日志，未实际发送';
      } else {
        throw new Error(`未知的通知渠道：${row.channel}`);
      }
    } catch (err) {
      const now = this.clock.now();
      const final = row.attempts >= MAX_ATTEMPTS;
      await this.db.transaction(async (em) => {
        await repo.update(em, row.id, {
          status: final ? 'failed' : 'pending',
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(row.attempts)),
          lastError: (err as Error).message.slice(0, 500),
        });
        if (final)
          await this.audit.record(em, {
            at: now,
            actorId: null,
            action: 'notification.fail',
            caseId: row.caseId,
            detail: {
              event: row.event,
              channel: row.channel,
              subject: row.subject,
              attempts: row.attempts,
              error: (err as Error).message,
            },
          });
      });
      return;
    }
    const now = this.clock.now();
    await this.db.transaction(async (em) => {
      await repo.update(em, row.id, { status: 'sent', sentAt: now, lastError: note });
      await this.recordSent(em, row, now, note);
    });
  }

  private recordSent(
    em: Parameters<Parameters<Database['transaction']>[0]>[0],
    row: NotificationOutboxEntity,
    now: Date,
    note: string | null,
  ): Promise<void> {
    return this.audit.record(em, {
      at: now,
      actorId: null,
      action: 'notification.send',
      caseId: row.caseId,
      detail: { event: row.event, channel: row.channel, subject: row.subject, ...(note && { note }) },
    });
  }

  /**
   * Staff reminders from the working day before a task's due date, and an escalation to the
   * supervising role once it has passed; each once per task (the dedupe key).
   */
  private async queueDeadlineAlerts(now: Date): Promise<void> {
    const today = shanghaiDate(now);
    await this.db.transaction(async (em) => {
      const calendar = await this.calendars.current(em);
      const horizon = calendar.addWorkingDays(today, 1).date;
      for (const kind of ['reminder', 'escalation'] as const) {
        for (const t of await repo.dueTasks(em, kind === 'reminder' ? horizon : today, kind)) {
          const dayBefore = workdayBefore(calendar, t.due_date);
          const alert = deadlineAlert(today, t.due_date, dayBefore);
          if (alert !== kind) continue;
          const roles =
            kind === 'reminder'
              ? t.candidate_groups
              : [...new Set(t.candidate_groups.map((r) => SUPERVISOR_OF[r]).filter(Boolean))];
          for (const role of roles) {
            await this.outbox.toStaff(
              em,
              { caseId: t.case_id, role, regionCode: t.region_code },
              kind === 'reminder'
                ? {
                    event: 'staff.reminder',
                    ref: t.task_id,
                    subject: `办理期限提醒：${t.case_no}“${t.task_name}”`,
                    body: `案件 ${t.case_no} 的“${t.task_name}”应于 ${cnDate(t.due_date)} 前办结，请及时办理。`,
                  }
                : {
                    event: 'staff.escalation',
                    ref: t.task_id,
                    subject: `逾期督办：${t.case_no}“${t.task_name}”`,
                    body: `案件 ${t.case_no} 的“${t.task_name}”已超过办理期限（${cnDate(t.due_date)}），请督促办理。`,
                  },
              now,
            );
          }
        }
      }
    });
  }
}

/** The last working day before `date`. */
function workdayBefore(calendar: WorkingCalendar, date: string): string {
  let d = plusDays(date, -1);
  while (!calendar.isWorkday(d)) d = plusDays(d, -1);
  return d;
}
