export * from './duty.service';
