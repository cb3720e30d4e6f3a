export * from './supervision.module';
export * from './near-relatives';
export * from './public-listing';
export * from './recheck.service';
export * from './monitoring';
export * from './reports';
export * from './stats';
