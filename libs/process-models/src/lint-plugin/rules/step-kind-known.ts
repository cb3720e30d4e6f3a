/** `sa:step` names a registered step kind: the legal rules recognise steps only by it. */
import { flowGraph } from '../graph';
import { stepKind } from '../model';
import { processRule } from '../rule';
import { STEP_KINDS } from '../vocabulary';

export default processRule(({ process, report }) => {
  for (const node of flowGraph(process).nodes) {
    if (node.step !== undefined && !stepKind(node))
      report(
        node,
        `sa:step“${String(node.step)}”不是已登记的环节类型；请改为以下之一：${STEP_KINDS.join('、')}`,
      );
  }
});
