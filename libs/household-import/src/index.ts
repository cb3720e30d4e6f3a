export * from './household-import.module';
export * from './household-import.service';
export { buildTemplateWorkbook, parseHouseholdWorkbook } from './household-workbook';
export { COLUMNS as HOUSEHOLD_COLUMNS } from './household-columns';
export { WORKBOOK_LIMITS } from './workbook-bounds';
