export * from './authorization-text';
export * from './authorization-signature';
export * from './signers';
export * from './member-signing.service';
