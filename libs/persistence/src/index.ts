export * from './database-config';
export * from './database';
export * from './data-source';
export * from './counter.repository';
export * from './schema.repository';
export * from './entities';
export * from './persistence.module';
export * from './backup';
