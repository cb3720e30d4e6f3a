export * from './case-file.module';
export * from './case-file.service';
export * from './pdf-pages';
export * from './toc';
export * from './attachments';
export * from './zip';
