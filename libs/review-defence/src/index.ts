export * from './review-defence.module';
export * from './review-defence.service';
export * from './answer';
