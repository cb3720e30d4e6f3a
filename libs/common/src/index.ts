export * from './app-error';
export * from './clock';
export * from './stable-stringify';
