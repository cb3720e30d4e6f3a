export * from './near-relatives';
export * from './public-listing';
export * from './recheck.service';
