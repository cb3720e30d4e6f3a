export * from './linshi-rules';
