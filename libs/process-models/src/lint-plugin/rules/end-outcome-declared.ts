/**
 * Every end event records an outcome from the declared vocabulary (the portal shows its label). A
 * missing or unknown outcome is an error: the applicant would be told nothing, or something untrue.
 */
import { flowGraph } from '../graph';
import { outcomeOf } from '../model';
import { processRule } from '../rule';
import { OUTCOMES } from '../vocabulary';

const VOCABULARY = Object.entries(OUTCOMES)
  .map(([id, o]) => `${id}（${o.label}）`)
  .join('、');

export default processRule(({ process, report }) => {
  for (const end of flowGraph(process).ends) {
    const outcome = outcomeOf(end);
    if (!outcome) report(end, `未写明案件结果（sa:outcome）；请从以下结果中选择：${VOCABULARY}`);
    else if (!OUTCOMES[outcome])
      report(end, `案件结果“${outcome}”不在已登记的结果中；请从以下结果中选择：${VOCABULARY}`);
  }
});
