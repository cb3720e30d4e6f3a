export * from './assessment.service';
export * from './policy-parameters.service';
export * from './low-income-flags';
export * from './regional-instruments';
