export * from './case-file.service';
export * from './pdf-pages';
export * from './toc';
