import { Module } from '@nestjs/common';
import { EmailSender, LoggingSmsProvider, SmsProvider, SmtpEmailSender } from './channels/senders';
import { NotificationDispatcher } from './dispatcher.service';
import { NotificationOutbox } from './outbox.service';
import { NotificationReader } from './notification-reader.service';

/** Notifications: the outbox, its dispatcher and channels, and the message centre. */
@Module({
  providers: [
    NotificationOutbox,
    NotificationDispatcher,
    NotificationReader,
    { provide: EmailSender, useFactory: () => new SmtpEmailSender() },
    { provide: SmsProvider, useClass: LoggingSmsProvider },
  ],
  exports: [NotificationOutbox, NotificationDispatcher, NotificationReader, EmailSender, SmsProvider],
})
export class NotificationsModule {}
