export * from './case-progress';
export * from './portal.service';
