export * from './backup';
export * from './data-dir-lock';
export * from './manifest';
export * from './restore';
export * from './source-db';
export * from './tar';
