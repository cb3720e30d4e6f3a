/**
 * What a user task needs on the case before it may be completed, as its model declares with
 * `sa:requires` (e.g. 邻里访问 needs the household economics: completing it runs the assessment).
 * Pure: the form states each one, and the server refuses a step whose prerequisite is missing.
 */
export interface PrerequisiteState {
  key: string;
  met: boolean;
  /** What the clerk must do first, in the words the form shows and the refusal repeats. */
  message: string;
}

interface CaseFactsForPrerequisites {
  economics: object | null;
}

const CHECKS: Record<string, { met: (kase: CaseFactsForPrerequisites) => boolean; message: string }> = {
  economics: {
    met: (kase) => kase.economics !== null,
    message: '须先在“经济状况测算”中保存家庭经济状况：本环节提交后据此自动测算',
  },
};

export function prerequisiteStates(
  keys: readonly string[],
  kase: CaseFactsForPrerequisites,
): PrerequisiteState[] {
  return keys.map((key) => {
    const check = CHECKS[key];
    // An unknown key is refused at deploy (processInfoProblems); here it cannot be met.
    if (!check) return { key, met: false, message: `前提“${key}”无法检查` };
    return { key, met: check.met(kase), message: check.message };
  });
}
