export * from './linshi-rules';
export * from './linshi-steps';
