export * from './blob-store';
export * from './ledger';
export * from './archive-check';
export * from './attachment-check';
