/** Only a program whose law lets the county entrust its decision to the township may model one. */
import { flowGraph } from '../graph';
import { ofKind, programRulesOf } from '../model';
import { processRule } from '../rule';

export default processRule(({ definitions, process, report }) => {
  const rules = programRulesOf(definitions, process);
  if (!rules || rules.entrustable) return;
  for (const node of ofKind(flowGraph(process), 'entrusted-confirmation'))
    report(
      node,
      `${rules.name}的审核确认不得委托乡镇（街道）（${rules.levelBasis}）；请改为 sa:step="confirmation" 并由县级民政部门办理`,
    );
});
