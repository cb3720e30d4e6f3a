/** Program names as the server's libs/cases/src/programs.ts has them. */
export const PROGRAM_NAMES: Record<string, string> = {
  dibao: '最低生活保障',
  tekun: '特困人员救助供养',
  dibian: '低收入人口认定',
  linshi: '临时救助',
  monitoring: '低收入人口动态监测预警',
};

/** Programs a household applies for. */
export const APPLICATION_PROGRAMS = ['dibao', 'tekun', 'dibian', 'linshi'].map((value) => ({
  value,
  label: PROGRAM_NAMES[value],
}));

export function programName(program: string): string {
  return PROGRAM_NAMES[program] ?? program;
}
