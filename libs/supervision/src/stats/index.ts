export * from './overview.service';
export * from './stats-compactor.service';
