export * from './benefit-start';
export * from './region-code';
export * from './resident-id';
export * from './sampling';
export * from './privacy';
export * from './detail-masking';
export * from './reading-reason';
