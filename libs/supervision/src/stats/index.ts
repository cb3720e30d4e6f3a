export * from './overview.service';
