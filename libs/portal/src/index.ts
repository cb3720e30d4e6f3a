export * from './portal.module';
export * from './case-progress';
export * from './portal.service';
