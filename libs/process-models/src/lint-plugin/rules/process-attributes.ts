/**
 * The process attributes the host reads (program, kind, starters, case limits, the case-number
 * series) are valid; a procedure numbers its cases in its own series.
 */
import { processInfoProblems } from '../../process-info';
import { processRule } from '../rule';

export default processRule(({ definitions, process, report }) => {
  const roots = (definitions.rootElements as { $type: string }[] | undefined) ?? [];
  // processInfoProblems reads the first process of the model: the one the host starts.
  if (roots.find((r) => r.$type === 'bpmn:Process') !== process) return;
  for (const problem of processInfoProblems(definitions))
    report(process, problem.message.replace(/^流程“[^”]*”：/, ''));
});
