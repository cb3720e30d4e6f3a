export * from './authorization-text';
export * from './authorization-signature';
export * from './case-progress';
export * from './portal.service';
