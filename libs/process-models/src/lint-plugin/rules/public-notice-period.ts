/**
 * 公示 is a timer of a fixed period: 7 natural days (审核确认办法第十九条; 特困人员认定办法第十五条), or
 * the longer period the policy parameters in force set (`publicNoticeDays`). The duration is read
 * with the engine's own parser (@0dep/piso), as bpmn-elements reads it. Or the timer waits for the
 * period the 公示 itself prints (`${publicNoticeWait}`, set by its issuance: until the day after the
 * printed last day), which is the statutory period: then a longer period in force is not met.
 */
import { parseDuration } from '@0dep/piso';
import type { BpmnElement } from '../../validate-model';
import { flowGraph } from '../graph';
import { ofKind, programRulesOf } from '../model';
import { processRule } from '../rule';
import { publicNoticeDays, publicNoticeText } from '../vocabulary';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The wait the 公示's issuance sets (document.issue's output): until the day after its printed end. */
const PRINTED_PERIOD = '${publicNoticeWait}';

function duration(timer: BpmnElement): { definition?: BpmnElement; text: string } {
  const definition = (
    Array.isArray(timer.eventDefinitions) ? (timer.eventDefinitions as BpmnElement[]) : []
  ).find((d) => d.$type === 'bpmn:TimerEventDefinition');
  const body = (definition?.timeDuration as { body?: unknown } | undefined)?.body;
  return { definition, text: typeof body === 'string' ? body.trim() : '' };
}

export default processRule(({ definitions, process, config, report }) => {
  const rules = programRulesOf(definitions, process);
  const notice = rules?.publicNotice;
  if (!rules || !notice) return;
  const graph = flowGraph(process);
  const days = publicNoticeDays(notice, config.publicNoticeDays);
  const required = publicNoticeText(notice, config.publicNoticeDays);
  const timers = ofKind(graph, 'public-notice');
  if (!timers.length) {
    report(
      process,
      `缺少公示环节（sa:step="public-notice" 的定时事件，期间 P${days}D）；${rules.name}的初审意见须公示 ${required}，请加入公示`,
    );
    return;
  }
  const statutory = publicNoticeDays(notice);
  for (const timer of timers) {
    const { definition, text } = duration(timer);
    if (definition && text === PRINTED_PERIOD) {
      if (days > statutory)
        report(timer, `公示期按公示文书所印的 ${statutory} 日计算，短于${required}；请改为“P${days}D”`);
      continue;
    }
    const literal = text !== '' && !text.includes('${');
    let ms: number | undefined;
    try {
      ms = literal ? parseDuration(text).toMilliseconds(new Date(0)) : undefined;
    } catch {
      ms = undefined;
    }
    if (literal && ms === undefined) continue; // timer-parsable reports a duration the engine cannot read
    if (!definition || ms === undefined)
      report(timer, `公示须为固定期间的定时事件（timeDuration 写“P${days}D”），公示期应为 ${required}`);
    else if (ms < days * DAY_MS)
      report(
        timer,
        `公示期“${text}”短于${days > notice.period.amount ? '' : '法定的 '}${required}；请改为“P${days}D”`,
      );
  }
});
