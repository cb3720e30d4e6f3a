export * from './attachment.service';
export * from './attachment-input';
export * from './file-type';
