export * from './authorization-text';
export * from './authorization-signature';
