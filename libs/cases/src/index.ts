export * from './case.service';
export * from './cases.module';
export * from './document-pipeline';
export * from './document-issuer';
export * from './template-store';
export * from './verification.service';
export * from './policy';
export * from './import';
