export * from './case-facts';
export * from './case-rules';
export * from './prefill';
export * from './case-facts.service';
