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

export interface CaseFactsForPrerequisites {
  economics: object | null;
  /** Names of the adult members who have not signed the 核对授权书 (`unsignedAdults`). */
  unsignedAdults?: readonly string[];
}

const CHECKS: Record<
  string,
  { met: (kase: CaseFactsForPrerequisites) => boolean; message: (kase: CaseFactsForPrerequisites) => string }
> = {
  economics: {
    met: (kase) => kase.economics !== null,
    message: () => '须先在“经济状况测算”中保存家庭经济状况：本环节提交后据此自动测算',
  },
  authorization: {
    met: (kase) => !kase.unsignedAdults?.length,
    message: (kase) =>
      `须先由每位成年家庭成员签署“家庭经济状况核对授权书”${
        kase.unsignedAdults?.length ? `，尚未签署：${kase.unsignedAdults.join('、')}` : ''
      }`,
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
    return { key, met: check.met(kase), message: check.message(kase) };
  });
}

/**
 * The refusal of a step whose prerequisites are not met, naming the step that must come first
 * and the one refused; undefined when all are met.
 */
export function unmetPrerequisiteMessage(
  states: readonly PrerequisiteState[],
  taskName: string,
): string | undefined {
  const unmet = states.filter((s) => !s.met);
  if (!unmet.length) return undefined;
  return `尚不能办理“${taskName}”：${unmet.map((s) => s.message).join('；')}`;
}
