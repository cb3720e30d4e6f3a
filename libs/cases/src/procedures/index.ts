export * from './procedure.service';
