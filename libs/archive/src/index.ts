export * from './blob-store';
export * from './ledger';
