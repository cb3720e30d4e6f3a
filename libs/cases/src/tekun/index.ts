export * from './sampling.repository';
export * from './tekun-steps';
