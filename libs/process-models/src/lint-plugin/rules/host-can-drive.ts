/**
 * Elements the host cannot move on are refused: no API delivers messages, signals or conditions, and
 * an untyped or manual task is in nobody's inbox. Each would leave the case `running` forever, with
 * no task and no timer.
 */
import type { BpmnElement } from '../../validate-model';
import { processRule } from '../rule';
import { allElements } from '../variables';

const HOSTLESS_EVENTS: Record<string, string> = {
  'bpmn:MessageEventDefinition': '消息',
  'bpmn:SignalEventDefinition': '信号',
  'bpmn:ConditionalEventDefinition': '条件',
};

function definitions(e: BpmnElement): BpmnElement[] {
  return Array.isArray(e.eventDefinitions) ? (e.eventDefinitions as BpmnElement[]) : [];
}

export default processRule(({ process, report }) => {
  for (const e of allElements(process)) {
    if (e.$type === 'bpmn:IntermediateCatchEvent' || e.$type === 'bpmn:BoundaryEvent') {
      for (const d of definitions(e)) {
        const what = HOSTLESS_EVENTS[d.$type];
        if (what)
          report(
            e,
            `本系统没有任何接口投递${what}，等待${what}的事件会让案件永远停在这里；请改为用户任务（由经办人登记）或定时事件`,
          );
      }
    }
    if (e.$type === 'bpmn:ReceiveTask')
      report(
        e,
        '本系统没有任何接口投递消息，接收任务会让案件永远停在这里；请改为用户任务（由经办人登记收到的情况）',
      );
    if (e.$type === 'bpmn:Task')
      report(
        e,
        '未指定类型的任务没有人办理、也不调用服务；请改为用户任务（写明办理角色）或服务任务（写明 sa:service）',
      );
    if (e.$type === 'bpmn:ManualTask')
      report(e, '手工任务不会出现在任何人的待办中，案件无法推进；请改为用户任务并写明办理角色');
  }
});
