import { Logger } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';

/** Sends one e-mail; throws when the server refuses it, so the dispatcher retries. */
export abstract class EmailSender {
  abstract readonly configured: boolean;
  abstract send(input: { to: string; subject: string; text: string }): Promise<void>;
}

/** SMTP through nodemailer, configured by `SMTP_URL` (e.g. smtp://user:pass@host:587). */
export class SmtpEmailSender extends EmailSender {
  private readonly transport: Transporter | null;
  readonly configured: boolean;

  constructor(
    url = process.env.SMTP_URL,
    private readonly from = process.env.SMTP_FROM ?? '社会救助经办系统 <noreply@localhost>',
  ) {
    super();
    this.configured = !!url;
    this.transport = url ? createTransport(url) : null;
  }

  async send(input: { to: string; subject: string; text: string }): Promise<void> {
    if (!this.transport) throw new Error('未配置 SMTP_URL，无法发送电子邮件');
    await this.transport.sendMail({ from: this.from, ...input });
  }
}

/** The port an SMS provider implements; a real one is bought from a carrier-licensed vendor. */
export abstract class SmsProvider {
  /** False for an implementation that does not reach a phone. */
  abstract readonly delivers: boolean;
  abstract send(input: { phone: string; text: string }): Promise<void>;
}

/**
 * No SMS provider is contracted: this one writes the message to the log as a warning and sends nothing. The
 * outbox row is marked sent with a note saying so, so nobody takes it for a text that arrived.
 */
export class LoggingSmsProvider extends SmsProvider {
  readonly delivers = false;
  private readonly logger = new Logger('SMS');

  async send(input: { phone: string; text: string }): Promise<void> {
    // A warning, not a log line: the API keeps only warnings and errors (main.ts), and that no text
    // reached the applicant is what an operator must see.
    this.logger.warn(
      `未接入短信服务商，未发送任何短信（仅记录）：${input.phone.slice(0, 3)}****${input.phone.slice(-4)} ${input.text}`,
    );
    return Promise.resolve();
  }
}
