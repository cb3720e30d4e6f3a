/** The names are the server's own table, so the web and the 行政复议答复 package print the same words. */
export { actionName, isAccess } from '@shared/audit/action-names';
