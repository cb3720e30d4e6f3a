/** The whole-case limit: 30 working days from 受理, 45 after a recorded extension (审核确认办法第二十二条). */
import { parseDue } from '../../element-info';
import { exceeds } from '../model';
import { processRule } from '../rule';
import { CASE_LIMIT, CASE_LIMIT_BASIS, CASE_LIMIT_EXTENDED, formatLimit } from '../vocabulary';

export default processRule(({ process, report }) => {
  const caseLimit = parseDue(process.caseLimit);
  const extended = parseDue(process.caseLimitExtended);
  if (caseLimit && caseLimit.amount === 0)
    report(
      process,
      `办理总时限 sa:caseLimit 不能为 0；法定办理时限为 ${formatLimit(CASE_LIMIT)}（${CASE_LIMIT_BASIS}），请改为“30WD”`,
    );
  else if (caseLimit && exceeds(caseLimit, CASE_LIMIT))
    report(
      process,
      `办理总时限 sa:caseLimit=“${String(process.caseLimit)}”超过法定的 ${formatLimit(CASE_LIMIT)}（${CASE_LIMIT_BASIS}）；请改为不超过“30WD”`,
    );
  if (extended && exceeds(extended, CASE_LIMIT_EXTENDED))
    report(
      process,
      `延长后的办理总时限 sa:caseLimitExtended=“${String(process.caseLimitExtended)}”超过法定的 ${formatLimit(CASE_LIMIT_EXTENDED)}（${CASE_LIMIT_BASIS}）；请改为不超过“45WD”`,
    );
});
