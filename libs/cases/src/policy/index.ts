export * from './assessment.service';
export * from './policy-parameters.service';
export * from './assessment-step';
