export * from './notifications.module';
export * from './outbox.service';
export * from './dispatcher.service';
export * from './notification-reader.service';
export * from './notification.repository';
export * from './channels/senders';
export * from './notify-rules';
export * from './applicant-notices';
