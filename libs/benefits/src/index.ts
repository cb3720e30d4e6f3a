export * from './benefits.module';
export * from './benefit-ledger.service';
export * from './benefit.repository';
export * from './review-cohort.service';
