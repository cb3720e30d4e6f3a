export * from './app-error';
export * from './clock';
export * from './csv';
export * from './poll-interval';
export * from './stable-stringify';
export * from './request-context';
export * from './calendar-date';
