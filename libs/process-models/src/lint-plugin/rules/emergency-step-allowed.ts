/** 先行救助 (skipping 调查 and 公示) exists only where the program's law provides it. */
import { flowGraph } from '../graph';
import { ofKind, programRulesOf } from '../model';
import { processRule } from '../rule';

export default processRule(({ definitions, process, report }) => {
  const rules = programRulesOf(definitions, process);
  if (!rules || rules.emergency) return;
  for (const node of ofKind(flowGraph(process), 'emergency'))
    report(
      node,
      `${rules.name}没有先行救助程序（先行救助只见于临时救助，民发〔2018〕23号），不能标为 sa:step="emergency"；请删除该标记`,
    );
});
