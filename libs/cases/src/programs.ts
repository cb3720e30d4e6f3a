/**
 * The assistance programs (DOMAIN.md §1). Which process runs a program is not listed here: a
 * deployed model says it with `sa:program` / `sa:kind` on its `<bpmn:process>`.
 */
export const PROGRAMS = {
  dibao: '最低生活保障',
  tekun: '特困人员救助供养',
  dibian: '低收入人口认定',
  linshi: '临时救助',
  monitoring: '低收入人口动态监测预警',
} as const;

export type ProgramId = keyof typeof PROGRAMS;

/** Programs a household applies for (the others are started by the system). */
export const APPLICATION_PROGRAMS: ProgramId[] = ['dibao', 'tekun', 'dibian', 'linshi'];

export function programName(program: string): string {
  return (PROGRAMS as Record<string, string>)[program] ?? program;
}

export function isProgram(value: string): value is ProgramId {
  return Object.prototype.hasOwnProperty.call(PROGRAMS, value);
}
