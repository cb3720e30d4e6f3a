export * from './review-schedule';
