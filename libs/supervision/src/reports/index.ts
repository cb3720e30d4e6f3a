export * from './overdue-report';
export * from './overdue-report.service';
