export * from './database-config';
export * from './database';
export * from './data-source';
export * from './counters';
export * from './entities';
export * from './persistence.module';
export * from './backup';
