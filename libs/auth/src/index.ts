export * from './auth.guard';
export * from './auth.module';
export * from './auth.service';
export * from './password';
export * from './roles';
export * from './duty-rules';
export * from './account.service';
export * from './password-policy';
