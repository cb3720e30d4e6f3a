import { ageOn } from '@app/assistance';

/** Age from which a member signs the 核对授权书 in person (a minor's guardian signs for them). */
export const SIGNING_AGE = 18;

export interface SignerCandidate {
  name: string;
  idNumber: string;
}

/**
 * The adult members (age ≥ 18 on `onDate`, from the ID number) who have not signed the 核对授权书:
 * the text binds every adult of the household, so the case may not reach the step that runs the
 * verification until this is empty. Pure.
 */
export function unsignedAdults(
  household: readonly SignerCandidate[],
  signedIdNumbers: Iterable<string>,
  onDate: string,
): SignerCandidate[] {
  const signed = new Set(signedIdNumbers);
  return household.filter((m) => ageOn(m.idNumber, onDate) >= SIGNING_AGE && !signed.has(m.idNumber));
}
