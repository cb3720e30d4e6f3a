/** The programs, from the server's own list (libs/cases/src/programs.ts). */
import { APPLICATION_PROGRAMS as APPLYING, PROGRAMS, programName } from '@shared/cases/programs';

export { programName };

/** Programs a household applies for, as select options. */
export const APPLICATION_PROGRAMS = APPLYING.map((value) => ({ value, label: PROGRAMS[value] }));
