/**
 * Statutory supporters who live in the household, derived from the relations to the applicant,
 * so that the 特困 supporter test (Art. 7–8) sees a capable spouse, parent or adult child at home
 * even when the clerk listed only supporters living elsewhere. Conditional duties (grandparents,
 * siblings) are not derived: list them in `supporters` with `livesInHousehold` when they apply.
 */
import { seriousIllness } from './conditions';
import type { Member, Relation, Supporter } from './household';
import { type ExactFen, roundFen } from './money';

interface Counted {
  member: Member;
  age: number;
  ownYearlyFen: ExactFen;
}

const ADULT = 18;

/** Whether `obligor` owes support to `dependant`, both described by their relation to the applicant. */
function owesSupport(obligor: Counted, dependant: Counted): Supporter['relation'] | null {
  const o: Relation = obligor.member.relation;
  const d: Relation = dependant.member.relation;
  if ((o === 'applicant' && d === 'spouse') || (o === 'spouse' && d === 'applicant')) return 'spouse';
  if ((o === 'applicant' || o === 'spouse') && d === 'child') return 'parent';
  if (o === 'child' && obligor.age >= ADULT && (d === 'applicant' || d === 'spouse')) return 'child';
  if (o === 'applicant' && d === 'parent') return 'child';
  return null;
}

export function coResidentObligors(
  counted: Counted[],
  householdOnMinimumLiving: boolean,
  listed: Supporter[],
): Supporter[] {
  const out: Supporter[] = [];
  for (const obligor of counted) {
    const supports = counted.filter((d) => d !== obligor && owesSupport(obligor, d) !== null);
    const alreadyListed = listed.some((s) => s.idNumber === obligor.member.idNumber);
    if (supports.length === 0 || alreadyListed) continue;
    out.push({
      name: obligor.member.name,
      idNumber: obligor.member.idNumber,
      relation: owesSupport(obligor, supports[0]) ?? 'other',
      supports: supports.map((d) => d.member.idNumber),
      // Art. 8 compares the supporter's own income with a yearly line; the fen rounding cannot change that comparison materially.
      annualIncomeFen: roundFen(obligor.ownYearlyFen, 'fen'),
      livesInHousehold: true,
      flags: {
        onMinimumLiving: householdOnMinimumLiving,
        seriousIllness: seriousIllness(obligor.member) !== null,
        disability: obligor.member.disability ?? null,
      },
    });
  }
  return out;
}
