export * from './issuance.module';
export * from './template-store';
export * from './document-pipeline';
export * from './verification.service';
export * from './render-job';
