/**
 * A literal timer is a duration or date the engine parses — with the engine's own parser,
 * @0dep/piso, as bpmn-elements reads it — and neither zero nor a date already past (both fire at once).
 */
import { getDate, parseDuration } from '@0dep/piso';
import type { BpmnElement } from '../../validate-model';
import { processRule } from '../rule';
import { allElements, expressionBody } from '../variables';

export default processRule(({ process, config, report }) => {
  const now = config.now ?? new Date();
  for (const e of allElements(process)) {
    const timers = (Array.isArray(e.eventDefinitions) ? (e.eventDefinitions as BpmnElement[]) : []).filter(
      (d) => d.$type === 'bpmn:TimerEventDefinition',
    );
    for (const definition of timers) {
      const duration = expressionBody(definition.timeDuration);
      const date = expressionBody(definition.timeDate);
      if (duration && !duration.includes('${')) {
        let ms: number | undefined;
        try {
          ms = parseDuration(duration).toMilliseconds(now);
        } catch {
          ms = undefined;
        }
        if (ms === undefined || Number.isNaN(ms))
          report(e, `定时器时长“${duration}”引擎无法解析；请写 ISO 8601 时长，如“P7D”（7 天）`);
        else if (ms <= 0) report(e, `定时器时长“${duration}”为 0，会立即触发；请写正的时长`);
      }
      if (date && !date.includes('${')) {
        let at: Date | undefined;
        try {
          at = getDate(date);
        } catch {
          at = undefined;
        }
        if (!at || Number.isNaN(at.getTime()))
          report(e, `定时器日期“${date}”引擎无法解析；请写 ISO 8601 日期时间，如“2027-01-01T00:00:00+08:00”`);
        else if (at.getTime() <= now.getTime())
          report(e, `定时器日期“${date}”已经过去，定时器会立即触发；请改为将来的日期或改用时长`);
      }
    }
  }
});
