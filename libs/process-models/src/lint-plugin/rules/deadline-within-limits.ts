/**
 * A step's deadline (`sa:due`) is never 0 (the task would open overdue; only 先行救助 is due the same
 * day), never beyond the whole-case limit, and a county decision within its statutory limit.
 */
import { parseDue } from '../../element-info';
import { flowGraph } from '../graph';
import { exceeds, programRulesOf, stepKind } from '../model';
import { processRule } from '../rule';
import { CASE_LIMIT_BASIS, CASE_LIMIT_EXTENDED, Limit, formatLimit } from '../vocabulary';

export default processRule(({ definitions, process, report }) => {
  const rules = programRulesOf(definitions, process);
  const whole: Limit =
    parseDue(process.caseLimitExtended) ?? parseDue(process.caseLimit) ?? CASE_LIMIT_EXTENDED;
  for (const node of flowGraph(process).nodes.filter((n) => n.$type === 'bpmn:UserTask')) {
    const due = parseDue(node.due);
    if (!due) continue; // validateModel reports a missing or unreadable sa:due
    const kind = stepKind(node);
    if (due.amount === 0 && !(kind === 'emergency' && rules?.emergency)) {
      report(
        node,
        `办理时限 sa:due=“${String(node.due)}”为 0，任务一开始即逾期；请填写法定或合理的时限（如“5WD”）${rules?.emergency ? '，当日办结只适用于先行救助环节（sa:step="emergency"）' : ''}`,
      );
    } else if (exceeds(due, whole)) {
      report(
        node,
        `办理时限 sa:due=“${String(node.due)}”超过整个案件的办理时限 ${formatLimit(whole)}（${CASE_LIMIT_BASIS}）；请缩短`,
      );
    } else if ((kind === 'confirmation' || kind === 'entrusted-confirmation') && rules?.confirmationLimit) {
      const { limit, basis } = rules.confirmationLimit;
      if (exceeds(due, limit))
        report(
          node,
          `审核确认时限 sa:due=“${String(node.due)}”超过法定的 ${formatLimit(limit)}（${basis}）；请改为不超过“${limit.amount}${limit.unit}”`,
        );
    }
  }
});
